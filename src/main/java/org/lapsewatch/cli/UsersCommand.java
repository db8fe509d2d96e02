package org.lapsewatch.cli;

import org.lapsewatch.store.AuditLog;
import org.lapsewatch.store.Database;
import org.lapsewatch.web.auth.PasswordHasher;
import org.lapsewatch.web.auth.Role;
import org.lapsewatch.web.auth.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@code lapsewatch users …}: local users of the dashboard and their API tokens. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage dashboard users and API tokens.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Token.class})
final class UsersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void withUsers(ConfigOption config, BiConsumer<UserRepository, AuditLog> work) {
        try (Database db = Database.open(config.load())) {
            work.accept(new UserRepository(db.jdbi()), new AuditLog(db.jdbi()));
        }
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user. The password is read from standard input with --password-stdin, else asked for.")
    static final class Add implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "User name (letters, digits, . _ @ -).")
        String name;
        @Option(names = "--role", defaultValue = "viewer", description = "admin or viewer (default: ${DEFAULT-VALUE}).")
        String role;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public void run() {
            Role parsedRole = Role.parse(role);
            char[] password = readPassword();
            if (password.length < 12) {
                throw new UsageException("the password must have at least 12 characters");
            }
            String hash = new PasswordHasher().hash(password);
            withUsers(config, (users, audit) -> {
                Instant now = Instant.now();
                users.add(name, hash, parsedRole, now);
                audit.record(now, actor(), "user.add", name, "role " + parsedRole.wireName());
            });
            spec.commandLine().getOut().println("added " + parsedRole.wireName() + " " + name);
        }

        private char[] readPassword() {
            if (passwordStdin) {
                try {
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    if (line == null) {
                        throw new UsageException("--password-stdin: standard input is empty");
                    }
                    return line.toCharArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            var console = System.console();
            if (console == null) {
                throw new UsageException("no terminal to ask for a password: pass --password-stdin and pipe it in");
            }
            char[] first = console.readPassword("Password for %s: ", name);
            char[] second = console.readPassword("Again: ");
            if (first == null || !java.util.Arrays.equals(first, second)) {
                throw new UsageException("the passwords differ");
            }
            return first;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            withUsers(config, (users, audit) -> {
                var rows = users.list().stream().map(u -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("username", u.username());
                    m.put("role", u.role().wireName());
                    m.put("created", u.createdAt().toString());
                    return m;
                }).toList();
                if (json) {
                    spec.commandLine().getOut().println(Json.write(rows));
                } else {
                    rows.forEach(r -> spec.commandLine().getOut().println(r.get("username") + "\t" + r.get("role") + "\t" + r.get("created")));
                }
            });
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke API tokens.",
            subcommands = {Token.Create.class, Token.ListTokens.class, Token.Revoke.class})
    static final class Token implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Create a token for USER and print it once (it is stored only as a hash).")
        static final class Create implements Runnable {
            @Mixin
            ConfigOption config;
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "USER")
            String user;
            @Option(names = "--name", required = true, description = "What the token is for, e.g. ci-pipeline.")
            String name;

            @Override
            public void run() {
                withUsers(config, (users, audit) -> {
                    Instant now = Instant.now();
                    var token = users.createToken(user, name, now);
                    audit.record(now, actor(), "token.create", user, "token " + token.id() + " (" + name + ")");
                    spec.commandLine().getOut().println(token.secret());
                    spec.commandLine().getErr().println("token " + token.id() + " for " + user
                            + ": use it as 'Authorization: Bearer <token>'; it is not shown again");
                });
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
        static final class ListTokens implements Runnable {
            @Mixin
            ConfigOption config;
            @Spec
            CommandSpec spec;

            @Override
            public void run() {
                withUsers(config, (users, audit) -> users.tokens().forEach(t -> spec.commandLine().getOut().println(
                        t.id() + "\t" + t.username() + "\t" + t.name() + "\tcreated " + t.createdAt()
                                + (t.revokedAt() == null ? "" : "\trevoked " + t.revokedAt()))));
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id.")
        static final class Revoke implements Runnable {
            @Mixin
            ConfigOption config;
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "ID")
            long id;

            @Override
            public void run() {
                withUsers(config, (users, audit) -> {
                    Instant now = Instant.now();
                    if (!users.revokeToken(id, now)) {
                        throw new UsageException("no live token with id " + id);
                    }
                    audit.record(now, actor(), "token.revoke", String.valueOf(id), null);
                    spec.commandLine().getOut().println("revoked token " + id);
                });
            }
        }
    }
}
