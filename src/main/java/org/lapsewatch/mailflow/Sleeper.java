package org.lapsewatch.mailflow;

import java.time.Duration;

/** Waits between polls of a followed log; tests pass one that returns at once or steps the log. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
