package org.lapsewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.lapsewatch.config.AlertSettings.WebhookSettings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * A webhook: POSTs the JSON of its format, with {@code Idempotency-Key} set to the
 * notification's key and, when a secret is configured, an HMAC-SHA256 signature:
 * {@code X-Lapsewatch-Signature: t=<unix seconds>,v1=<hex HMAC of "t.body">}.
 * Any 2xx is delivered; anything else (and a timeout) is retried by the outbox.
 */
public final class WebhookChannel implements Channel {
    static final String SIGNATURE_HEADER = "X-Lapsewatch-Signature";

    private final WebhookSettings settings;
    private final HttpClient http;
    private final Clock clock;

    public WebhookChannel(WebhookSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        String body;
        try {
            body = Outbox.JSON.writeValueAsString(WebhookPayloads.render(settings.format(), n));
        } catch (JsonProcessingException e) {
            throw new DeliveryException("cannot render payload: " + e.getMessage(), e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "lapsewatch")
                .header("Idempotency-Key", n.key())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.secret() != null) {
            request.header(SIGNATURE_HEADER, sign(settings.secret(), clock.instant().getEpochSecond(), body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("webhook " + settings.name() + " (" + settings.url() + ") failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while calling webhook " + settings.name(), e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body();
            throw new DeliveryException("webhook " + settings.name() + " answered HTTP " + response.statusCode()
                    + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
        }
    }

    /** The signature header value for a body sent at {@code epochSeconds}. */
    static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
