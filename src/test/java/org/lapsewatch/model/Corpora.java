package org.lapsewatch.model;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared test corpora ({@code ../shared/corpora}), read in place and never copied into the
 * repository: the {@code lapsewatch.corpora} property when that directory exists, else
 * {@code /work/shared/corpora}; otherwise the test is skipped with a message saying so.
 */
final class Corpora {
    private Corpora() {
    }

    static Path require(String relative) {
        for (String candidate : new String[]{System.getProperty("lapsewatch.corpora"), "/work/shared/corpora"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate))) {
                Path file = Path.of(candidate).resolve(relative);
                if (Files.exists(file)) {
                    return file;
                }
            }
        }
        String message = "corpus file " + relative + " not found (looked in -Dlapsewatch.corpora="
                + System.getProperty("lapsewatch.corpora") + " and /work/shared/corpora): skipped";
        System.out.println(message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
