package org.lapsewatch.policy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * Reads and discards what a peer is still sending before a connection is closed after a refusal.
 * Closing a socket with unread input makes TCP send a reset, which can destroy the reply that
 * explains the refusal before the peer reads it. The drain is bounded in bytes; the socket's
 * half-close and a two-second read timeout bound it in time.
 */
final class LingeringClose {
    private static final int MAX_DRAIN = 1 << 20;

    private LingeringClose() {
    }

    /** Half-closes the connection (the peer sees the end of the replies) and drains its input briefly. */
    static void drain(Socket socket, InputStream in) {
        byte[] sink = new byte[8192];
        int total = 0;
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(2000);
            int n;
            while (total < MAX_DRAIN && (n = in.read(sink)) >= 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // the peer went away or timed out: the connection is closed next either way
        }
    }
}
