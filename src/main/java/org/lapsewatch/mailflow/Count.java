package org.lapsewatch.mailflow;

/** A value and how often it was seen, e.g. a sender and its messages. */
public record Count(String value, long count) {
}
