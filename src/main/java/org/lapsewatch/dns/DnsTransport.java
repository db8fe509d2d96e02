package org.lapsewatch.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends single DNS queries: UDP first, again over TCP when the reply is truncated, with a
 * timeout and retries per query, and never more than {@code concurrency} queries in flight (the
 * peak is measured). A timeout after all retries is a {@link Reply.Failure}, never an answer.
 */
public final class DnsTransport {

    /** What came back from one server. */
    public sealed interface Reply {
        record Response(Message message) implements Reply {
            public int rcode() {
                return message.getRcode();
            }

            public boolean authoritative() {
                return message.getHeader().getFlag(Flags.AA);
            }
        }

        record Failure(String reason) implements Reply {
        }
    }

    private final Duration timeout;
    private final int retries;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong queries = new AtomicLong();

    public DnsTransport(Duration timeout, int retries, int concurrency) {
        this.timeout = timeout;
        this.retries = retries;
        this.permits = new Semaphore(concurrency, true);
    }

    /** Asks {@code server} for {@code name}/{@code type}; {@code recursionDesired} false for authoritative probes. */
    public Reply query(InetSocketAddress server, String name, int type, boolean recursionDesired) {
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(absolute(name)), type, DClass.IN));
        } catch (IOException e) {
            return new Reply.Failure("bad query name '" + name + "': " + e.getMessage());
        }
        if (!recursionDesired) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        String question = name + " " + Type.string(type) + " @" + describe(server);
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Failure("interrupted before " + question);
        }
        int now = inFlight.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        try {
            return send(server, query, question);
        } finally {
            inFlight.decrementAndGet();
            permits.release();
        }
    }

    private Reply send(InetSocketAddress server, Message query, String question) {
        String lastError = "no attempt";
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                Message reply = resolver(server, false).send(query);
                queries.incrementAndGet();
                if (reply.getHeader().getFlag(Flags.TC)) {
                    reply = resolver(server, true).send(query);
                    queries.incrementAndGet();
                }
                return new Reply.Response(reply);
            } catch (IOException e) {
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        return new Reply.Failure("no reply to " + question + " after " + (retries + 1) + " attempt(s) of "
                + timeout.toMillis() + " ms: " + lastError);
    }

    private SimpleResolver resolver(InetSocketAddress server, boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        resolver.setTCP(tcp);
        // truncation is handled above so that the fallback is explicit and counted
        resolver.setIgnoreTruncation(true);
        return resolver;
    }

    /** The most queries that were in flight at the same moment. */
    public int peakInFlight() {
        return peak.get();
    }

    /** Replies received (UDP and TCP). */
    public long queriesAnswered() {
        return queries.get();
    }

    /** {@code address:port} without the host name an address may carry. */
    static String describe(InetSocketAddress server) {
        return (server.getAddress() == null ? server.getHostString() : server.getAddress().getHostAddress()) + ":" + server.getPort();
    }

    static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    static String rcodeName(int rcode) {
        return Rcode.string(rcode);
    }
}
