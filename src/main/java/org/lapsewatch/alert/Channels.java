package org.lapsewatch.alert;

import org.lapsewatch.config.AlertSettings;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the configured channels by name ({@code email} and each webhook's name). */
public final class Channels {
    private Channels() {
    }

    public static Map<String, Channel> fromSettings(AlertSettings settings, Clock clock) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        if (settings.smtp() != null) {
            channels.put(AlertSettings.EMAIL_CHANNEL, new EmailChannel(settings.smtp()));
        }
        if (!settings.webhooks().isEmpty()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            for (AlertSettings.WebhookSettings w : settings.webhooks()) {
                channels.put(w.name(), new WebhookChannel(w, http, clock));
            }
        }
        return channels;
    }
}
