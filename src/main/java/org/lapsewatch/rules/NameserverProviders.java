package org.lapsewatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The table of nameserver-provider signatures: which DNS hosting providers let anyone add a
 * zone for any domain on their shared nameservers (a lame delegation to them can be claimed:
 * the "Sitting Ducks" attack) and which verify ownership or hand out per-account nameserver
 * names (a lame delegation cannot be claimed by a stranger).
 *
 * <p>The data is text, one provider a line: {@code name | claimable|verifies | pattern pattern…},
 * where a pattern is a host name with {@code *} for one or more labels' worth of characters
 * ({@code *.ns.cloudflare.com}). Lines starting with {@code #} are comments.
 */
public final class NameserverProviders {

    /** One provider. */
    public record Provider(String name, boolean claimable, List<String> patterns) {
        public Provider {
            patterns = List.copyOf(patterns);
        }
    }

    private record Signature(Provider provider, Pattern pattern) {
    }

    private final List<Signature> signatures;

    private NameserverProviders(List<Signature> signatures) {
        this.signatures = List.copyOf(signatures);
    }

    public static NameserverProviders empty() {
        return new NameserverProviders(List.of());
    }

    /**
     * Parses the table.
     *
     * @param origin names the source in error messages
     * @throws IllegalArgumentException naming the origin and line of a malformed entry
     */
    public static NameserverProviders parse(String text, String origin) {
        List<Signature> signatures = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\|");
            if (fields.length != 3) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": expected 'name | claimable|verifies | patterns', got '" + line + "'");
            }
            String kind = fields[1].strip().toLowerCase(Locale.ROOT);
            if (!kind.equals("claimable") && !kind.equals("verifies")) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": second field must be 'claimable' or 'verifies', got '" + fields[1].strip() + "'");
            }
            List<String> patterns = List.of(fields[2].strip().toLowerCase(Locale.ROOT).split("\\s+"));
            Provider provider = new Provider(fields[0].strip(), kind.equals("claimable"), patterns);
            for (String p : patterns) {
                signatures.add(new Signature(provider, Pattern.compile(
                        "\\Q" + p.replace("*", "\\E[a-z0-9.-]+\\Q") + "\\E")));
            }
        }
        return new NameserverProviders(signatures);
    }

    /** The provider whose signature matches the nameserver host name. */
    public Optional<Provider> providerOf(String nameserver) {
        String host = nameserver.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (Signature s : signatures) {
            if (s.pattern().matcher(host).matches()) {
                return Optional.of(s.provider());
            }
        }
        return Optional.empty();
    }
}
