package org.lapsewatch.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal SMTP receiver on loopback that accepts everything and records the recipients it got mail for. */
final class SmtpSink implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Recipients of messages that completed DATA, in arrival order. */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 sink.invalid ESMTP");
            List<String> recipients = new java.util.ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 sink.invalid");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                        reply(out, "250 2.1.5 ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 go on");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the body does not matter
                        }
                        delivered.addAll(recipients);
                        reply(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "250 2.0.0 ok");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
