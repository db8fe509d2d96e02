package org.lapsewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.lapsewatch.model.Registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The §7 JSON form of a registration as the store keeps it, and its change fingerprint. */
final class RegistrationJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private RegistrationJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    static Registration read(String json) {
        try {
            return MAPPER.readValue(json, Registration.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored registration JSON is unreadable: " + e.getMessage(), e);
        }
    }

    static List<String> readList(String json) {
        try {
            return List.of(MAPPER.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON list is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * What decides whether an answer is new: the registration without its volatile fields (the
     * server that answered and the wording of a failure reason) and with its lists sorted, so
     * that two answers saying the same thing fingerprint the same.
     */
    static String fingerprint(Registration r) {
        Registration stable = new Registration(r.domain(), r.source(), null, r.state(),
                r.status().stream().sorted().toList(), r.created(), r.updated(), r.expires(), r.releases(),
                r.registrar(), r.nameservers().stream().sorted().toList(), r.dnssec(), null, r.handle());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(stable).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
