package org.lapsewatch.dns;

/** Asks for the records of one type at one name. */
@FunctionalInterface
public interface Lookup {
    Answer lookup(String name, int type);
}
