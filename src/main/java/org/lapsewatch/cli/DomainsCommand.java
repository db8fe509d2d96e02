package org.lapsewatch.cli;

import org.lapsewatch.inventory.FieldException;
import org.lapsewatch.inventory.InventoryFields;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.InventoryRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@code lapsewatch domains …}: the inventory, one domain at a time. */
@Command(name = "domains", mixinStandardHelpOptions = true,
        description = "Add, retire, show and list the domains in the inventory.",
        subcommands = {DomainsCommand.Add.class, DomainsCommand.Retire.class, DomainsCommand.Show.class,
                DomainsCommand.ListCommand.class})
final class DomainsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the store the configuration names, runs {@code work} on the inventory, and closes it. */
    static void withInventory(ConfigOption config, Consumer<InventoryRepository> work) {
        try (Database db = Database.open(config.load())) {
            work.accept(new InventoryRepository(db, Clock.systemUTC()));
        }
    }

    /**
     * The inventory domain a lookup means: the name itself, or for a host name such as
     * {@code mail.bjzutrecht.nl} the registrable domain it belongs to.
     */
    static DomainName lookupName(String input) {
        return DomainName.registrableOf(input);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a registrable domain to the inventory.")
    static final class Add implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The registrable domain, e.g. samenveilig.nl or bücher.de.")
        String name;
        @Option(names = "--lifecycle", paramLabel = "L", defaultValue = "active",
                description = "active, retired, defensive or decommissioned (default: ${DEFAULT-VALUE}).")
        String lifecycle;
        @Option(names = "--owner-name", paramLabel = "TEXT", description = "Who answers for the domain.")
        String ownerName;
        @Option(names = "--owner-email", paramLabel = "ADDRESS", description = "Where the owner reads mail.")
        String ownerEmail;
        @Option(names = "--tag", paramLabel = "T", description = "A label for filtering and routing (repeatable).")
        List<String> tags = new ArrayList<>();
        @Option(names = "--notes", paramLabel = "TEXT", description = "Free text.")
        String notes;
        @Option(names = "--retired-since", paramLabel = "DATE", description = "When it was retired (YYYY-MM-DD).")
        String retiredSince;
        @Option(names = "--replacement", paramLabel = "D", description = "The domain that replaced it.")
        String replacement;
        @Option(names = "--expected-registrar", paramLabel = "TEXT", description = "The registrar it should be at.")
        String expectedRegistrar;
        @Option(names = "--expected-ns", paramLabel = "NS", description = "A nameserver it should delegate to (repeatable).")
        List<String> expectedNameservers = new ArrayList<>();

        @Override
        public void run() {
            Map<String, List<String>> raw = new LinkedHashMap<>();
            raw.put(InventoryFields.NAME, List.of(name));
            putIfSet(raw, InventoryFields.LIFECYCLE, lifecycle);
            putIfSet(raw, InventoryFields.OWNER_NAME, ownerName);
            putIfSet(raw, InventoryFields.OWNER_EMAIL, ownerEmail);
            putIfSet(raw, InventoryFields.NOTES, notes);
            putIfSet(raw, InventoryFields.RETIRED_SINCE, retiredSince);
            putIfSet(raw, InventoryFields.REPLACEMENT, replacement);
            putIfSet(raw, InventoryFields.EXPECTED_REGISTRAR, expectedRegistrar);
            raw.put(InventoryFields.TAGS, tags);
            raw.put(InventoryFields.EXPECTED_NAMESERVERS, expectedNameservers);
            InventoryEntry entry = asOptions(() -> InventoryFields.entry(raw));
            withInventory(config, inventory -> inventory.add(entry));
            spec.commandLine().getOut().println("added " + entry.name().display() + " (" + entry.lifecycle().wireName() + ")");
        }

        private static void putIfSet(Map<String, List<String>> raw, String field, String value) {
            if (value != null) {
                raw.put(field, List.of(value));
            }
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Mark a domain retired: no longer used, but kept registered, hardened and watched.")
    static final class Retire implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "An inventory domain, or any host name under one.")
        String name;
        @Option(names = "--since", paramLabel = "DATE", description = "When it was retired (YYYY-MM-DD; default: today).")
        String since;
        @Option(names = "--replacement", paramLabel = "D", description = "The domain that replaced it.")
        String replacement;

        @Override
        public void run() {
            DomainName domain = lookupName(name);
            LocalDate sinceDate = asOptions(() -> InventoryFields.date("since", since));
            DomainName replacementName = replacement == null ? null
                    : asOptions(() -> InventoryFields.domain("replacement", replacement));
            withInventory(config, inventory -> {
                InventoryEntry retired = inventory.retire(domain, sinceDate, replacementName);
                spec.commandLine().getOut().println("retired " + retired.name().display() + " since " + retired.retiredSince()
                        + (retired.replacement() == null ? "" : ", replaced by " + retired.replacement().display()));
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one inventory domain.")
    static final class Show implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "An inventory domain, or any host name under one.")
        String name;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            DomainName domain = lookupName(name);
            withInventory(config, inventory -> {
                InventoryEntry entry = inventory.find(domain).orElseThrow(() ->
                        new UsageException(domain.display() + " is not in the inventory"));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(Json.write(jsonValues(entry)));
                    return;
                }
                out.println(entry.name().display());
                jsonValues(entry).forEach((k, v) -> {
                    if (!k.equals(InventoryFields.NAME) && !k.equals("unicode")) {
                        out.println("  " + k + ": " + (v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : v));
                    }
                });
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the inventory.")
    static final class ListCommand implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;
        @Option(names = "--lifecycle", paramLabel = "L", description = "Only domains with this lifecycle.")
        String lifecycle;

        @Override
        public void run() {
            Lifecycle only = lifecycle == null ? null : asOptions(() -> InventoryFields.lifecycle("lifecycle", lifecycle));
            withInventory(config, inventory -> {
                List<InventoryEntry> entries = only == null ? inventory.list() : inventory.list(only);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(Json.write(entries.stream().map(DomainsCommand::jsonValues).toList()));
                } else {
                    Table table = new Table("DOMAIN", "LIFECYCLE", "OWNER", "TAGS", "RETIRED SINCE", "REPLACEMENT");
                    for (InventoryEntry e : entries) {
                        table.add(e.name().display(), e.lifecycle().wireName(),
                                e.ownerName() != null ? e.ownerName() : e.ownerEmail(),
                                String.join(" ", e.tags()), e.retiredSince() == null ? null : e.retiredSince().toString(),
                                e.replacement() == null ? null : e.replacement().display());
                    }
                    table.print(out);
                }
            });
        }
    }

    /** The export fields plus the U-label form of the name. */
    static Map<String, Object> jsonValues(InventoryEntry entry) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(InventoryFields.NAME, entry.name().ascii());
        values.put("unicode", entry.name().unicode());
        values.putAll(InventoryFields.values(entry));
        return values;
    }

    /** Runs a field check, naming the command-line option instead of the file field on failure. */
    static <T> T asOptions(Supplier<T> check) {
        try {
            return check.get();
        } catch (FieldException e) {
            String option = switch (e.field()) {
                case InventoryFields.NAME -> "NAME";
                case InventoryFields.TAGS -> "--tag";
                case InventoryFields.EXPECTED_NAMESERVERS -> "--expected-ns";
                default -> "--" + e.field().replace('_', '-');
            };
            throw new UsageException(option + ": " + e.reason());
        }
    }
}
