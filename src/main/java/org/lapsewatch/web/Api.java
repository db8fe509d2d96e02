package org.lapsewatch.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.lapsewatch.mailflow.DomainExposure;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.LapsewatchException;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.PointOfNoReturn;
import org.lapsewatch.store.StoredFinding;
import org.lapsewatch.web.auth.Principal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The REST API (JSON); its OpenAPI document is {@code /api/openapi.json}. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final WebServices s;
    private final byte[] openApi;

    Api(WebServices s) {
        this.s = s;
        try (InputStream in = Api.class.getResourceAsStream("/web/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("/web/openapi.json is missing from the build");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(RoutesConfig r) {
        r.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), Access.PUBLIC);
        r.get("/api/domains", ctx -> json(ctx, s.inventory().list().stream().map(Api::entry).toList()), Access.READ);
        r.post("/api/domains", this::addDomain, Access.CHANGE);
        r.get("/api/domains/{name}", this::domain, Access.READ);
        r.post("/api/domains/{name}/retire", this::retire, Access.CHANGE);
        r.get("/api/domains/{name}/history", this::history, Access.READ);
        r.get("/api/findings", this::findings, Access.READ);
        r.post("/api/findings/{id}/ack", this::acknowledge, Access.CHANGE);
        r.get("/api/exposures", ctx -> json(ctx, s.exposures().list().stream().map(Api::exposure).toList()), Access.READ);
        r.get("/api/verdicts", ctx -> json(ctx, s.verdicts().stream().map(v -> Map.of("domain", v.domain().ascii(),
                "unicode", v.domain().unicode(), "action", v.action().wireName(), "reason", v.reason())).toList()), Access.READ);
    }

    private void addDomain(Context ctx) {
        JsonNode body = body(ctx);
        Principal p = Security.principal(ctx);
        try {
            DomainName name = DomainName.parse(text(body, "name"));
            Lifecycle lifecycle = body.hasNonNull("lifecycle") ? Lifecycle.parse(body.get("lifecycle").asText()) : Lifecycle.ACTIVE;
            InventoryEntry entry = new InventoryEntry(name, lifecycle, optional(body, "ownerName"), optional(body, "ownerEmail"),
                    optional(body, "notes"), list(body, "tags"), null,
                    body.hasNonNull("replacement") ? DomainName.parse(body.get("replacement").asText()) : null,
                    optional(body, "expectedRegistrar"), list(body, "expectedNameservers"));
            s.inventory().add(entry);
            s.audit().record(s.clock().instant(), p.username(), "domain.add", name.ascii(), lifecycle.wireName() + " (API)");
            ctx.status(201);
            json(ctx, entry(entry));
        } catch (LapsewatchException | IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private void retire(Context ctx) {
        Principal p = Security.principal(ctx);
        DomainName name = Pages.parseDomain(ctx.pathParam("name"));
        JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : body(ctx);
        try {
            InventoryEntry retired = s.inventory().retire(name, LocalDate.ofInstant(s.clock().instant(), ZoneOffset.UTC),
                    body.hasNonNull("replacement") ? DomainName.parse(body.get("replacement").asText()) : null);
            s.audit().record(s.clock().instant(), p.username(), "domain.retire", name.ascii(), "(API)");
            json(ctx, entry(retired));
        } catch (LapsewatchException | IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private void domain(Context ctx) {
        DomainName name = Pages.parseDomain(ctx.pathParam("name"));
        DomainView view = DomainView.of(s, name, s.clock().instant());
        if (view.entry() == null && view.current() == null && view.findings().isEmpty()) {
            throw new NotFoundResponse("nothing is known about " + name.ascii());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", name.ascii());
        m.put("unicode", name.unicode());
        m.put("inventory", view.entry() == null ? null : entry(view.entry()));
        m.put("registration", view.current());
        m.put("pointOfNoReturn", switch (view.pointOfNoReturn()) {
            case PointOfNoReturn.Known k -> Map.of("known", true, "at", k.at().toString(), "explanation", k.explanation());
            case PointOfNoReturn.Unknown u -> Map.of("known", false, "reason", u.reason());
        });
        m.put("findings", view.findings().stream().map(Api::finding).toList());
        json(ctx, m);
    }

    private void history(Context ctx) {
        DomainName name = Pages.parseDomain(ctx.pathParam("name"));
        json(ctx, DomainView.of(s, name, s.clock().instant()).history());
    }

    private void findings(Context ctx) {
        String severity = ctx.queryParam("severity");
        String state = ctx.queryParam("state");
        json(ctx, s.findings().unresolved().stream()
                .filter(f -> severity == null || f.finding().severity().name().equalsIgnoreCase(severity))
                .filter(f -> state == null || f.state().wireName().equals(state))
                .map(Api::finding).toList());
    }

    private void acknowledge(Context ctx) {
        long id = Pages.parseId(ctx.pathParam("id"));
        Principal p = Security.principal(ctx);
        Instant now = s.clock().instant();
        try {
            var t = s.findings().acknowledge(id, p.username(), now);
            s.audit().record(now, p.username(), "finding.acknowledge", t.finding().finding().subject().ascii(),
                    "finding #" + id + " " + t.finding().finding().rule() + " (API)");
            json(ctx, finding(t.finding()));
        } catch (LapsewatchException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    static Map<String, Object> entry(InventoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", e.name().ascii());
        m.put("unicode", e.name().unicode());
        m.put("lifecycle", e.lifecycle().wireName());
        m.put("ownerName", e.ownerName());
        m.put("ownerEmail", e.ownerEmail());
        m.put("notes", e.notes());
        m.put("tags", e.tags());
        m.put("retiredSince", e.retiredSince() == null ? null : e.retiredSince().toString());
        m.put("replacement", e.replacement() == null ? null : e.replacement().ascii());
        m.put("expectedRegistrar", e.expectedRegistrar());
        m.put("expectedNameservers", e.expectedNameservers());
        return m;
    }

    static Map<String, Object> exposure(DomainExposure e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", e.domain().ascii());
        m.put("unicode", e.domain().unicode());
        m.put("messages", e.messages());
        m.put("recipients", e.recipients());
        m.put("recipientsCapped", e.recipientsCapped());
        Map<String, Long> attempts = new LinkedHashMap<>();
        e.attempts().forEach((status, n) -> attempts.put(status.name().toLowerCase(java.util.Locale.ROOT), n));
        m.put("attempts", attempts);
        m.put("topSenders", e.topSenders());
        m.put("topSystems", e.topSystems());
        m.put("firstSeen", e.firstSeen() == null ? null : e.firstSeen().toString());
        m.put("lastSeen", e.lastSeen() == null ? null : e.lastSeen().toString());
        m.put("sampleRecipients", e.sampleRecipients());
        m.put("viaAlias", e.viaAlias());
        m.put("aliasSamples", e.aliasSamples());
        m.put("references", e.references());
        m.put("source", e.source());
        return m;
    }

    static Map<String, Object> finding(StoredFinding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("rule", f.finding().rule());
        m.put("subject", f.finding().subject().ascii());
        m.put("subjectUnicode", f.finding().subject().unicode());
        m.put("severity", f.finding().severity().name());
        m.put("confidence", f.finding().confidence().name());
        m.put("summary", f.finding().summary());
        m.put("triggerChain", f.finding().triggerChain());
        m.put("evidence", f.finding().evidence());
        m.put("state", f.state().wireName());
        m.put("firstSeen", f.firstSeen().toString());
        m.put("lastSeen", f.lastSeen().toString());
        m.put("acknowledgedBy", f.acknowledgedBy());
        m.put("acknowledgedAt", f.acknowledgedAt() == null ? null : f.acknowledgedAt().toString());
        return m;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new BadRequestResponse("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new BadRequestResponse("field '" + field + "' is required");
        }
        return body.get(field).asText();
    }

    private static String optional(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static List<String> list(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return List.of();
        }
        if (!body.get(field).isArray()) {
            throw new BadRequestResponse("field '" + field + "' must be a list");
        }
        List<String> out = new java.util.ArrayList<>();
        body.get(field).forEach(n -> out.add(n.asText()));
        return out;
    }

    static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
