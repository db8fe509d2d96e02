package org.lapsewatch.mailflow;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Where log lines come from: {@code -} is stdin; a file with rotated siblings
 * ({@code mail.log.1}, {@code mail.log.2.gz}, …) is read as the whole set, oldest first; gzip is
 * recognised by its magic bytes, whatever the name.
 */
final class LogInputs {
    static final String STDIN = "-";

    private LogInputs() {
    }

    /** The files an argument stands for, oldest first: {@code mail.log.N[.gz]} … {@code mail.log.1}, {@code mail.log}. */
    static List<Path> expand(String argument) {
        Path base = Path.of(argument);
        if (!Files.isRegularFile(base)) {
            throw new UncheckedIOException(new NoSuchFileException(argument, null, "no such log file"));
        }
        List<Path> rotated = new ArrayList<>();
        for (int n = 1; ; n++) {
            Path plain = base.resolveSibling(base.getFileName() + "." + n);
            Path gzip = base.resolveSibling(base.getFileName() + "." + n + ".gz");
            if (Files.isRegularFile(plain)) {
                rotated.add(0, plain);
            } else if (Files.isRegularFile(gzip)) {
                rotated.add(0, gzip);
            } else {
                break;
            }
        }
        rotated.add(base);
        return rotated;
    }

    /** The decompressed content of a stream: gzip when it starts with 1f 8b, else as is. */
    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}
