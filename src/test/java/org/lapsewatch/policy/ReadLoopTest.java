package org.lapsewatch.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A read loop that schedules its connections' threads, stopped under them. */
class ReadLoopTest {
    @Test
    @Timeout(30)
    void a_thread_waiting_for_input_when_its_loop_stops_still_ends_and_hears_why() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel peer = SocketChannel.open(server.getLocalAddress()); SocketChannel accepted = server.accept()) {
                accepted.configureBlocking(false);
                ReadLoop loop = new ReadLoop("lapsewatch-test-read", true);
                AtomicReference<ReadLoop.Input> input = new AtomicReference<>();
                AtomicReference<Object> outcome = new AtomicReference<>();
                AtomicReference<String> endedOn = new AtomicReference<>();
                Thread reader = loop.connectionThreads().unstarted(() -> {
                    try {
                        outcome.set(input.get().read());
                        input.get().read();
                        outcome.set("read past the end");
                    } catch (IOException e) {
                        outcome.set(e);
                    }
                    String self = Thread.currentThread().toString(); // a mounted virtual thread names its carrier after the '@'
                    endedOn.set(self.substring(self.indexOf('@') + 1));
                });
                input.set(loop.register(accepted, reader));
                reader.start();
                peer.write(ByteBuffer.wrap(new byte[] {'x'}));
                PolicyProtocolTest.waitFor(() -> Integer.valueOf('x').equals(outcome.get()));

                loop.close(); // its reader is waiting for the next byte

                assertThat(reader.join(Duration.ofSeconds(10))).as("the reader ended").isTrue();
                assertThat(outcome.get()).isInstanceOf(SocketException.class)
                        .hasToString("java.net.SocketException: the listener's read loop stopped");
                assertThat(endedOn.get()).isEqualTo("lapsewatch-test-read-finishing");
            }
        }
    }
}
