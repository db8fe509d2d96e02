package org.lapsewatch.rules;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One name a zone points at.
 *
 * @param kind       how it is referenced
 * @param owner      the name in our zone that holds the reference, e.g. {@code mail.example.nl}
 * @param target     the host name referenced, lower case without trailing dot
 * @param chain      how it was reached, e.g. {@code [mail.example.nl MX, mx1.oldvendor.com]}
 * @param resolution what the target name itself resolved to
 */
public record Reference(ReferenceKind kind, String owner, String target, List<String> chain, Resolution resolution) {

    /** What looking up the target host returned (NOT_CHECKED where the kind does not need it). */
    public enum Resolution { RESOLVES, NXDOMAIN, NODATA, UNKNOWN, NOT_CHECKED }

    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(resolution, "resolution");
        target = target.toLowerCase(Locale.ROOT);
        if (target.endsWith(".")) {
            target = target.substring(0, target.length() - 1);
        }
        chain = List.copyOf(chain);
    }

    public Reference(ReferenceKind kind, String owner, String target, List<String> chain) {
        this(kind, owner, target, chain, Resolution.NOT_CHECKED);
    }

    /** One line: {@code mail.example.nl MX → mx1.oldvendor.com}. */
    public String describe() {
        return String.join(" → ", chain);
    }
}
