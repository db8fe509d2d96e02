package org.lapsewatch.registration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP GET with a total deadline and a cap on the body, which is streamed and abandoned as
 * soon as it exceeds the cap. Redirects are not followed here: the RDAP client follows them
 * itself so that it can count them and knows which server gave the final answer.
 */
final class HttpFetch {
    private final HttpClient client;

    HttpFetch(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A complete response. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    /** Why no complete response came; {@code timedOut} for connect and total timeouts. */
    static final class FetchFailure extends Exception {
        final boolean timedOut;

        FetchFailure(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }
    }

    Answer get(URI uri, String accept, Duration within, int maxBytes) throws FetchFailure, InterruptedException {
        if (!within.isPositive()) {
            throw new FetchFailure("no time left to ask " + uri.getHost() + " after waiting for its rate limit", false);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).GET().timeout(within)
                    .header("Accept", accept)
                    .header("User-Agent", "Lapsewatch (domain lapse monitor)")
                    .build();
        } catch (IllegalArgumentException e) {
            throw new FetchFailure("cannot request " + uri + ": " + e.getMessage(), false);
        }
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> new BoundedBody(maxBytes));
        try {
            HttpResponse<byte[]> response = pending.get(within.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            throw new FetchFailure("no complete answer from " + uri.getHost() + " within " + within.toMillis() + " ms", true);
        } catch (ExecutionException e) {
            throw failure(uri, within, e.getCause());
        } finally {
            pending.cancel(true);
        }
    }

    private static FetchFailure failure(URI uri, Duration within, Throwable cause) {
        Throwable c = cause;
        while (c != null) {
            switch (c) {
                case HttpConnectTimeoutException ignored -> {
                    return new FetchFailure("connect to " + uri.getHost() + " timed out", true);
                }
                case HttpTimeoutException ignored -> {
                    return new FetchFailure("no answer from " + uri.getHost() + " within " + within.toMillis() + " ms", true);
                }
                case TooLarge tooLarge -> {
                    return new FetchFailure("answer from " + uri.getHost() + " exceeds " + tooLarge.max + " bytes; abandoned", false);
                }
                default -> c = c.getCause();
            }
        }
        String detail = cause instanceof IOException && cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause);
        return new FetchFailure("request to " + uri.getHost() + " failed: " + detail, false);
    }

    private static final class TooLarge extends IOException {
        final int max;

        TooLarge(int max) {
            super("body exceeds " + max + " bytes", null);
            this.max = max;
        }
    }

    /** Collects the body up to {@code max} bytes and cancels the stream beyond that. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge(max));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
