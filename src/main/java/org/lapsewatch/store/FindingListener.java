package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;

/**
 * Told of every finding transition inside the transaction that makes it, so that what it
 * writes (e.g. the alert outbox) commits or rolls back together with the transition. It must
 * not commit, roll back or close the handle.
 */
@FunctionalInterface
public interface FindingListener {
    FindingListener NONE = (handle, transition) -> { };

    void onTransition(Handle handle, FindingTransition transition);
}
