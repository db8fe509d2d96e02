package org.lapsewatch.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a connection's replies to its non-blocking channel from its virtual thread, through one
 * direct buffer per connection (no copy into a temporary one per write, nothing to collect).
 *
 * <p>A reply normally fits the socket's send buffer and goes out in one write. When it does not (a
 * peer that sends requests without reading the replies), the writer retries every millisecond
 * until the peer reads or the connection is closed, by the peer or by the listener's idle sweep:
 * such a peer is not worth a readiness registration, and it holds up only its own thread.
 */
final class ChannelOutput extends OutputStream {
    private static final int BUFFER = 1024;
    private static final long RETRY_NANOS = 1_000_000L;

    private final SocketChannel channel;
    private ByteBuffer buffer;

    ChannelOutput(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER);
        }
        while (len > 0) {
            int n = Math.min(len, BUFFER);
            buffer.clear();
            buffer.put(b, off, n).flip();
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    LockSupport.parkNanos(this, RETRY_NANOS);
                }
            }
            off += n;
            len -= n;
        }
    }
}
