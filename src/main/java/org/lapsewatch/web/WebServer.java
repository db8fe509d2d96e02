package org.lapsewatch.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.lapsewatch.config.WebSettings;
import org.lapsewatch.store.InventoryRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.util.Map;

/**
 * The web UI: {@code /} lists the inventory, {@code /health} answers "ok". Pages are JTE
 * templates precompiled at build time (HTML content type, so every value is escaped); the only
 * stylesheet is served from the jar, so the page works offline.
 */
public final class WebServer implements AutoCloseable {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final Javalin app;
    private final String host;

    private WebServer(Javalin app, String host) {
        this.app = app;
        this.host = host;
    }

    /**
     * Starts serving on {@code settings.host():settings.port()} (port 0: any free port).
     *
     * @throws WebException when the port is taken, naming the port and how to choose another
     */
    public static WebServer start(WebSettings settings, InventoryRepository inventory) {
        byte[] css = resource("/web/lapsewatch.css");
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/", ctx -> render(ctx, "inventory.jte",
                    Map.of("rows", inventory.list().stream().map(InventoryRow::of).toList())));
            config.routes.get("/health", ctx -> ctx.result("ok"));
            config.routes.get("/lapsewatch.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(css));
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
        return new WebServer(app, settings.host());
    }

    private static void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, params, out);
        ctx.html(out.toString());
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

    @Override
    public void close() {
        app.stop();
    }
}
