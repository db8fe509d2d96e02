package org.lapsewatch.sim;

/** The kinds of simulated server; faults and request counts are kept per kind. */
public enum Service {
    RDAP, WHOIS, DNS
}
