package org.lapsewatch.dns;

import org.xbill.DNS.Type;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A lookup that notes every question that got no answer (a timeout, SERVFAIL, REFUSED, a CNAME
 * loop: {@link Answer.Unknown}), so that a walk can tell whether it saw the whole zone. Safe to
 * share between the threads of one walk.
 */
final class NotingLookup implements Lookup {
    private final Lookup lookup;
    private final Queue<String> unanswered = new ConcurrentLinkedQueue<>();

    NotingLookup(Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Answer lookup(String name, int type) {
        Answer answer = lookup.lookup(name, type);
        if (answer instanceof Answer.Unknown u) {
            note(Type.string(type) + " " + name + ": " + u.reason());
        }
        return answer;
    }

    /** Notes a question asked some other way (e.g. for the delegation) that got no answer. */
    void note(String what) {
        unanswered.add(what);
    }

    /** The questions noted so far, in the order their answers came. */
    List<String> unanswered() {
        return List.copyOf(unanswered);
    }
}
