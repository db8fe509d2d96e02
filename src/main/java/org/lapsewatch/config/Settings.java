package org.lapsewatch.config;

import java.time.Duration;

/** Checks shared by the settings records. */
final class Settings {
    private Settings() {
    }

    static void requirePort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be between 0 and 65535, got " + port);
        }
    }

    static void requirePositive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
    }

    static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
    }

    static void requirePositiveRate(String key, Double rate) {
        if (!(rate > 0) || rate.isInfinite()) {
            throw new IllegalArgumentException(key + " must be a positive number, got " + rate);
        }
    }

    /** Checks a {@code host:port} endpoint and returns it unchanged. */
    static String requireHostPort(String key, String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new IllegalArgumentException(key + " must be host:port, got '" + endpoint + "'");
        }
        try {
            requirePort(key, Integer.parseInt(endpoint.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be host:port, got '" + endpoint + "'");
        }
        return endpoint;
    }
}
