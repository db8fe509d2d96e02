package org.lapsewatch.registration;

import java.time.Duration;

/** Waits; tests substitute one that advances a fake clock instead. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
