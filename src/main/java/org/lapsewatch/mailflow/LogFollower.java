package org.lapsewatch.mailflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Tails one live log file like {@code tail -F}: each {@link #poll()} hands the complete new lines to
 * the parser. When the file is rotated (the path now names another file) the old file is read to
 * its end first; when it is truncated (smaller than what was read) it is read again from the start.
 */
final class LogFollower implements AutoCloseable {
    private final Path path;
    private final LogParser parser;
    private final ScanCounters counters;
    private FileChannel channel;
    private Object fileKey;
    private byte[] carry = new byte[0];

    LogFollower(Path path, LogParser parser, ScanCounters counters) {
        this.path = path;
        this.parser = parser;
        this.counters = counters;
    }

    /** Reads what was appended since the last poll, following a rotation. A missing file is waited for. */
    void poll() throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return; // between rotation's rename and the new file's creation
        }
        if (channel == null) {
            open(now);
        } else if (!Objects.equals(now.fileKey(), fileKey)) {
            drain(true);
            channel.close();
            open(now);
        } else if (now.size() < channel.position()) {
            carry = new byte[0];
            channel.position(0);
        }
        drain(false);
    }

    private void open(BasicFileAttributes attributes) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = attributes.fileKey();
        counters.startSource(path.toString());
        parser.startSource(path.toString(), java.time.YearMonth.from(
                attributes.lastModifiedTime().toInstant().atZone(java.time.ZoneOffset.UTC)));
    }

    private void drain(boolean toTheEnd) throws IOException {
        InputStream in = Channels.newInputStream(channel);
        carry = LineReader.read(in, carry, parser, counters, toTheEnd);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
