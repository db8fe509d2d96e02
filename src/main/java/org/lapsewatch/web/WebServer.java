package org.lapsewatch.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.lapsewatch.alert.Deadline;
import org.lapsewatch.alert.ICalendarFeed;
import org.lapsewatch.config.WebSettings;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.model.LapsewatchException;
import org.lapsewatch.web.auth.LoginThrottle;
import org.lapsewatch.web.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard, the REST API, {@code /health}, {@code /metrics} and the calendar feed, on
 * Javalin with precompiled JTE templates. Binds to 127.0.0.1 by default. Every route declares
 * who may use it ({@link Access}); {@link Security} enforces it before any handler runs.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;
    private final String host;
    private final String setupToken;

    private WebServer(Javalin app, String host, String setupToken) {
        this.app = app;
        this.host = host;
        this.setupToken = setupToken;
    }

    /**
     * Starts serving on {@code settings.host():settings.port()} (port 0: any free port);
     * {@code /health} answers {@code ok} (200) while {@code health} finds nothing wrong, otherwise
     * 503 with a line per problem.
     *
     * @throws WebException when the port is taken, naming the port and how to choose another
     */
    public static WebServer start(WebSettings settings, WebServices services, HealthCheck health) {
        byte[] css = resource("/web/lapsewatch.css");
        // Sessions and login throttling count real time, even when the data runs on a simulated clock (demo).
        Clock wallClock = Clock.systemUTC();
        Sessions sessions = new Sessions(wallClock);
        Security security = new Security(sessions, services.users(), wallClock, settings.secureCookies());
        String setupToken = services.users().isEmpty() ? Sessions.newToken() : null;
        Pages pages = new Pages(services, security, sessions, new LoginThrottle(wallClock), setupToken);
        Api api = new Api(services);
        String calendarToken = services.config().alerts().calendarToken();
        DomainMetrics domainMetrics = new DomainMetrics(services, services.metrics());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.before(security::headers);
            config.routes.beforeMatched(security::check);
            config.routes.get("/health", ctx -> health(ctx, health), Access.PUBLIC);
            config.routes.get("/lapsewatch.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(css), Access.PUBLIC);
            config.routes.get("/metrics", ctx -> {
                domainMetrics.refresh();
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(services.metrics().scrape());
            }, settings.metricsPublic() ? Access.PUBLIC : Access.READ);
            config.routes.get("/calendar/{token}", ctx -> calendar(ctx, services, calendarToken), Access.PUBLIC);
            pages.register(config.routes);
            api.register(config.routes);
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(LapsewatchException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the server log");
            });
        });
        try {
            app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            app.stop();
            if (causedByBind(e)) {
                throw new WebException("port " + settings.port() + " on " + settings.host()
                        + " is in use: set web.port in lapsewatch.yml or pass --port", e);
            }
            throw new WebException("cannot start the web server on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        return new WebServer(app, settings.host(), setupToken);
    }

    private static void health(Context ctx, HealthCheck health) {
        HealthCheck.Answer answer = health.answer();
        ctx.status(answer.status()).contentType("text/plain; charset=utf-8").result(answer.body());
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        if (Security.isApi(ctx)) {
            Api.json(ctx, Map.of("status", status, "error", message == null ? "" : message));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(status + ": " + message);
        }
    }

    /** The iCalendar feed behind its secret token: {@code /calendar/TOKEN.ics[?owner=ADDRESS]}. */
    private static void calendar(Context ctx, WebServices s, String token) {
        String presented = ctx.pathParam("token");
        if (token == null || !presented.endsWith(".ics")
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.substring(0, presented.length() - 4).getBytes(StandardCharsets.UTF_8))) {
            throw new io.javalin.http.NotFoundResponse("no such calendar");
        }
        var now = s.clock().instant();
        List<Deadline> deadlines = new ArrayList<>();
        for (var d : s.statuses().nextDeadlines(10_000)) {
            var st = d.status();
            String detail = "state " + st.state().wireName() + "; " + st.explanation();
            deadlines.add(new Deadline(st.domain(), Deadline.Kind.POINT_OF_NO_RETURN, st.pointOfNoReturn(), d.ownerEmail(), detail));
            if (st.expires() != null) {
                deadlines.add(new Deadline(st.domain(), Deadline.Kind.EXPIRY, st.expires(), d.ownerEmail(), detail));
            }
            if (st.releases() != null) {
                deadlines.add(new Deadline(st.domain(), Deadline.Kind.QUARANTINE_RELEASE, st.releases(), d.ownerEmail(), detail));
            }
        }
        ctx.contentType("text/calendar; charset=utf-8")
                .result(ICalendarFeed.render(deadlines, ctx.queryParam("owner"), s.config().alerts().baseUrl(), now));
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port actually bound (useful after asking for port 0). */
    public int port() {
        return app.port();
    }

    /** Where a browser reaches it, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** While nobody has an account: the one-time address that creates the first admin. */
    public Optional<URI> setupUri() {
        return Optional.ofNullable(setupToken).map(t -> uri().resolve("/setup?token=" + t));
    }

    @Override
    public void close() {
        app.stop();
    }
}
