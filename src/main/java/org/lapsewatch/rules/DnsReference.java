package org.lapsewatch.rules;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;

import java.util.List;
import java.util.Optional;
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
public record DnsReference(ReferenceKind kind, String owner, String target, List<String> chain, Resolution resolution) {

    /** What looking up the target host returned (NOT_CHECKED where the kind does not need it). */
    public enum Resolution { RESOLVES, NXDOMAIN, NODATA, UNKNOWN, NOT_CHECKED }

    public DnsReference {
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

    public DnsReference(ReferenceKind kind, String owner, String target, List<String> chain) {
        this(kind, owner, target, chain, Resolution.NOT_CHECKED);
    }

    /**
     * The registrable domain of the target. Labels with underscores ({@code _spf}, {@code _domainkey})
     * are service labels, never part of a registrable domain, so the name is cut after the last one.
     * Empty when what is left is not a host name under a public suffix.
     */
    public Optional<DomainName> registrableTarget() {
        String host = target;
        int underscore = host.lastIndexOf('_');
        if (underscore >= 0) {
            int dot = host.indexOf('.', underscore);
            host = dot < 0 ? "" : host.substring(dot + 1);
        }
        try {
            return Optional.of(DomainName.registrableOf(host));
        } catch (InvalidDomainException e) {
            return Optional.empty();
        }
    }

    /** One line: {@code mail.example.nl MX → mx1.oldvendor.com}. */
    public String describe() {
        return String.join(" → ", chain);
    }
}
