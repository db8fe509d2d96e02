package org.lapsewatch.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.SameSite;
import org.lapsewatch.inventory.InventoryFormat;
import org.lapsewatch.inventory.InventoryReader;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.LapsewatchException;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.store.StoredFinding;
import org.lapsewatch.web.auth.LoginThrottle;
import org.lapsewatch.web.auth.PasswordHasher;
import org.lapsewatch.web.auth.Principal;
import org.lapsewatch.web.auth.Role;
import org.lapsewatch.web.auth.Sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The server-rendered pages. Every value reaches HTML through JTE's escaping. */
final class Pages {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final String LOGIN_CSRF = "lw_login";

    private final WebServices s;
    private final Security security;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher = new PasswordHasher();
    private final String setupToken;

    Pages(WebServices s, Security security, Sessions sessions, LoginThrottle throttle, String setupToken) {
        this.s = s;
        this.security = security;
        this.sessions = sessions;
        this.throttle = throttle;
        this.setupToken = setupToken;
    }

    void register(RoutesConfig r) {
        r.get("/login", this::loginForm, Access.PUBLIC);
        r.post("/login", this::login, Access.PUBLIC);
        r.post("/logout", this::logout, Access.READ);
        r.get("/setup", this::setupForm, Access.PUBLIC);
        r.post("/setup", this::setup, Access.PUBLIC);
        r.get("/", ctx -> render(ctx, "overview.jte", "overview", Overview.of(s, Overview.DEADLINES_SHOWN)), Access.READ);
        r.get("/timeline", ctx -> render(ctx, "timeline.jte", "overview", Overview.of(s, Overview.TIMELINE_SHOWN)), Access.READ);
        r.get("/domains/{name}", this::domain, Access.READ);
        r.get("/domains/{name}/observations/{id}/raw", this::rawResponse, Access.READ);
        r.get("/findings", this::findings, Access.READ);
        r.post("/findings/{id}/ack", this::acknowledge, Access.CHANGE);
        r.get("/inventory", ctx -> inventoryPage(ctx, null, null), Access.READ);
        r.post("/inventory", this::addDomain, Access.CHANGE);
        r.post("/inventory/import", this::importInventory, Access.CHANGE);
        r.post("/inventory/{name}/retire", this::retire, Access.CHANGE);
        r.get("/exposures", ctx -> render(ctx, "exposures.jte", "exposures", s.exposures().list()), Access.READ);
        r.get("/channels", ctx -> render(ctx, "channels.jte", "channels", s.outbox().channelHealth()), Access.READ);
        r.get("/audit", ctx -> render(ctx, "audit.jte", "entries", s.audit().latest(200)), Access.READ);
    }

    // ---- login, logout, first admin

    private void loginForm(Context ctx) {
        String token = Sessions.newToken();
        ctx.cookie(new Cookie(LOGIN_CSRF, token, "/login", 3600, security.secureCookies(), true, null, SameSite.STRICT));
        Map<String, Object> p = new HashMap<>();
        p.put("next", safeNext(ctx.queryParam("next")));
        p.put("error", null);
        p.put("setupOpen", s.users().isEmpty());
        renderWithCsrf(ctx, "login.jte", token, p);
    }

    private void login(Context ctx) {
        String cookieToken = ctx.cookie(LOGIN_CSRF);
        String formToken = ctx.formParam("_csrf");
        if (cookieToken == null || !cookieToken.equals(formToken)) {
            throw new io.javalin.http.ForbiddenResponse("missing or wrong CSRF token: reload the login page");
        }
        String username = String.valueOf(ctx.formParam("username")).strip();
        String password = String.valueOf(ctx.formParam("password"));
        String next = safeNext(ctx.formParam("next"));
        Duration wait = throttle.waitBeforeAttempt(username, ctx.ip());
        Texts t = texts(ctx);
        if (!wait.isZero()) {
            ctx.status(429).header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            loginError(ctx, cookieToken, next, t.get("login.throttled", Math.max(1, wait.toSeconds())));
            return;
        }
        var user = s.users().find(username);
        if (user.isEmpty() || !hasher.verify(password.toCharArray(), user.get().passwordHash())) {
            throttle.failed(username, ctx.ip());
            ctx.status(401);
            loginError(ctx, cookieToken, next, t.get("login.failed"));
            return;
        }
        throttle.succeeded(username, ctx.ip());
        Sessions.Session session = sessions.start(user.get().username(), user.get().role());
        ctx.cookie(security.sessionCookie(session.id(), -1));
        ctx.redirect(next);
    }

    private void loginError(Context ctx, String token, String next, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("next", next);
        p.put("error", error);
        p.put("setupOpen", s.users().isEmpty());
        renderWithCsrf(ctx, "login.jte", token, p);
    }

    private void logout(Context ctx) {
        Principal p = Security.principal(ctx);
        if (p.session() != null) {
            sessions.end(p.session().id());
        }
        ctx.cookie(security.sessionCookie("", 0));
        ctx.redirect("/login");
    }

    private void setupForm(Context ctx) {
        requireSetupOpen(ctx.queryParam("token"));
        Map<String, Object> p = new HashMap<>();
        p.put("token", ctx.queryParam("token"));
        p.put("error", null);
        renderWithCsrf(ctx, "setup.jte", "", p);
    }

    private void setup(Context ctx) {
        requireSetupOpen(ctx.formParam("token"));
        String username = String.valueOf(ctx.formParam("username")).strip();
        String password = String.valueOf(ctx.formParam("password"));
        if (password.length() < 12) {
            Map<String, Object> p = new HashMap<>();
            p.put("token", ctx.formParam("token"));
            p.put("error", texts(ctx).get("setup.short"));
            ctx.status(400);
            renderWithCsrf(ctx, "setup.jte", "", p);
            return;
        }
        Instant now = s.clock().instant();
        s.users().add(username, hasher.hash(password.toCharArray()), Role.ADMIN, now);
        s.audit().record(now, username, "user.add", username, "first admin, created with the one-time setup token");
        ctx.redirect("/login");
    }

    private void requireSetupOpen(String token) {
        if (setupToken == null || !s.users().isEmpty() || token == null
                || !java.security.MessageDigest.isEqual(setupToken.getBytes(), token.getBytes())) {
            throw new NotFoundResponse("no setup is open: an admin exists already, or the token is wrong");
        }
    }

    // ---- domains and findings

    private void domain(Context ctx) {
        DomainName name = parseDomain(ctx.pathParam("name"));
        render(ctx, "domain.jte", "view", DomainView.of(s, name, s.clock().instant()));
    }

    /** The registry's response kept with one observation, as received: text/plain (nosniff), so nothing in it runs. */
    private void rawResponse(Context ctx) {
        DomainName name = parseDomain(ctx.pathParam("name"));
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("there is no observation " + ctx.pathParam("id") + " of " + name.ascii());
        }
        String raw = s.observations().find(id)
                .filter(o -> name.ascii().equalsIgnoreCase(o.registration().domain())
                        || name.unicode().equalsIgnoreCase(o.registration().domain()))
                .flatMap(o -> s.observations().raw(id))
                .orElseThrow(() -> new NotFoundResponse("no response body is kept for observation #" + id + " of " + name.ascii()));
        ctx.contentType("text/plain; charset=utf-8").result(raw);
    }

    private void findings(Context ctx) {
        String severity = blankToNull(ctx.queryParam("severity"));
        String state = blankToNull(ctx.queryParam("state"));
        String rule = blankToNull(ctx.queryParam("rule"));
        List<StoredFinding> shown = s.findings().unresolved().stream()
                .filter(f -> severity == null || f.finding().severity().name().equalsIgnoreCase(severity))
                .filter(f -> state == null || f.state().wireName().equals(state))
                .filter(f -> rule == null || f.finding().rule().equals(rule))
                .toList();
        Map<String, Object> p = new HashMap<>();
        p.put("findings", shown);
        p.put("severity", severity == null ? "" : severity.toUpperCase(Locale.ROOT));
        p.put("state", state == null ? "" : state);
        p.put("rule", rule == null ? "" : rule);
        p.put("severities", List.of(Severity.values()));
        render(ctx, "findings.jte", p);
    }

    private void acknowledge(Context ctx) {
        long id = parseId(ctx.pathParam("id"));
        Principal p = Security.principal(ctx);
        Instant now = s.clock().instant();
        var transition = s.findings().acknowledge(id, p.username(), now);
        s.audit().record(now, p.username(), "finding.acknowledge", transition.finding().finding().subject().ascii(),
                "finding #" + id + " " + transition.finding().finding().rule());
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    // ---- inventory

    private void inventoryPage(Context ctx, String error, String message) {
        Map<String, Object> p = new HashMap<>();
        p.put("rows", s.inventory().list().stream().map(InventoryRow::of).toList());
        p.put("error", error);
        p.put("message", message);
        render(ctx, "inventory.jte", p);
    }

    private void addDomain(Context ctx) {
        Principal p = Security.principal(ctx);
        try {
            DomainName name = DomainName.parse(String.valueOf(ctx.formParam("name")));
            Lifecycle lifecycle = Lifecycle.parse(String.valueOf(ctx.formParam("lifecycle")));
            String owner = blankToNull(ctx.formParam("ownerEmail"));
            InventoryEntry entry = new InventoryEntry(name, lifecycle, null, owner, null, List.of(),
                    lifecycle == Lifecycle.RETIRED ? LocalDate.ofInstant(s.clock().instant(), java.time.ZoneOffset.UTC) : null,
                    null, null, List.of());
            s.inventory().add(entry);
            s.audit().record(s.clock().instant(), p.username(), "domain.add", name.ascii(), lifecycle.wireName());
            ctx.redirect("/inventory");
        } catch (LapsewatchException | IllegalArgumentException e) {
            ctx.status(400);
            inventoryPage(ctx, e.getMessage(), null);
        }
    }

    private void retire(Context ctx) {
        Principal p = Security.principal(ctx);
        DomainName name = parseDomain(ctx.pathParam("name"));
        String replacement = blankToNull(ctx.formParam("replacement"));
        try {
            s.inventory().retire(name, LocalDate.ofInstant(s.clock().instant(), java.time.ZoneOffset.UTC),
                    replacement == null ? null : DomainName.parse(replacement));
            s.audit().record(s.clock().instant(), p.username(), "domain.retire", name.ascii(),
                    replacement == null ? null : "replacement " + replacement);
            ctx.redirect("/domains/" + name.ascii());
        } catch (LapsewatchException | IllegalArgumentException e) {
            ctx.status(400);
            inventoryPage(ctx, e.getMessage(), null);
        }
    }

    private void importInventory(Context ctx) {
        Principal p = Security.principal(ctx);
        String text = String.valueOf(ctx.formParam("content"));
        InventoryFormat format = "yaml".equals(ctx.formParam("format")) ? InventoryFormat.YAML : InventoryFormat.CSV;
        try {
            List<InventoryEntry> entries = InventoryReader.read(new java.io.StringReader(text), format, "pasted " + format.name().toLowerCase(Locale.ROOT));
            s.inventory().importAll(entries);
            s.audit().record(s.clock().instant(), p.username(), "inventory.import", null, entries.size() + " domains");
            inventoryPage(ctx, null, texts(ctx).get("inventory.imported", entries.size()));
        } catch (LapsewatchException e) {
            ctx.status(400);
            inventoryPage(ctx, e.getMessage(), null);
        }
    }

    // ---- helpers

    static DomainName parseDomain(String text) {
        try {
            return DomainName.registrableOf(text);
        } catch (LapsewatchException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("'" + text + "' is not a finding id");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Only a local path: never another site (open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        return next;
    }

    static Texts texts(Context ctx) {
        String lang = ctx.queryParam("lang");
        if ("en".equals(lang) || "nl".equals(lang)) {
            ctx.cookie(new Cookie("lw_lang", lang, "/", 365 * 24 * 3600, false, true, null, SameSite.STRICT));
        }
        return Texts.choose(lang, ctx.cookie("lw_lang"), ctx.header("Accept-Language"));
    }

    private static void render(Context ctx, String template, String name, Object value) {
        Map<String, Object> p = new HashMap<>();
        p.put(name, value);
        render(ctx, template, p);
    }

    private static void render(Context ctx, String template, Map<String, Object> params) {
        Principal user = Security.optionalPrincipal(ctx).orElse(null);
        renderWithCsrf(ctx, template, user == null ? "" : user.csrfToken(), params);
    }

    private static void renderWithCsrf(Context ctx, String template, String csrf, Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("page", new PageContext(texts(ctx), Security.optionalPrincipal(ctx).orElse(null), csrf));
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, p, out);
        ctx.html(out.toString());
    }
}
