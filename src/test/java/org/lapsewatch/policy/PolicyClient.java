package org.lapsewatch.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw-socket client of the policy protocol, speaking as Postfix 3.7 does. */
final class PolicyClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    PolicyClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A Postfix 3.7 RCPT request (29 attributes). */
    static String rcpt(String sender, String recipient) {
        return request("RCPT", sender, recipient);
    }

    static String request(String state, String sender, String recipient) {
        return "request=smtpd_access_policy\nprotocol_state=" + state + "\nprotocol_name=ESMTP\n"
                + "client_address=127.0.0.1\nclient_name=localhost\nclient_port=40512\nreverse_client_name=localhost\n"
                + "server_address=127.0.0.1\nserver_port=25\nhelo_name=app.samenveilig.nl\nsender=" + sender + "\n"
                + "recipient=" + recipient + "\nrecipient_count=0\nqueue_id=\ninstance=8a1c.6560d1a4.3c9f1.0\n"
                + "size=0\netrn_domain=\nstress=\nsasl_method=\nsasl_username=\nsasl_sender=\nccert_subject=\n"
                + "ccert_issuer=\nccert_fingerprint=\nccert_pubkey_fingerprint=\nencryption_protocol=\n"
                + "encryption_cipher=\nencryption_keysize=0\npolicy_context=\n\n";
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends byte by byte with a pause, as a slow client would. */
    void sendSlowly(String text, long pauseMillis) throws IOException, InterruptedException {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
            out.flush();
            Thread.sleep(pauseMillis);
        }
    }

    /** The reply's action line (without "action="), or null when the server closed the connection. */
    String readAction() throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && previous == '\n') {
                String text = reply.toString(StandardCharsets.US_ASCII);
                if (!text.startsWith("action=") || text.indexOf('\n') != text.length() - 1) {
                    throw new IOException("not a policy reply: " + text);
                }
                return text.substring("action=".length(), text.length() - 1);
            }
            reply.write(b);
            previous = b;
        }
        if (reply.size() > 0) {
            throw new IOException("connection closed inside a reply: " + reply);
        }
        return null;
    }

    String ask(String request) throws IOException {
        send(request);
        return readAction();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
