package org.lapsewatch.rules;

import org.lapsewatch.model.Severity;

import java.util.Locale;
import java.util.Set;

/**
 * How a zone points at another name, with the rule that fires when that name's registrable
 * domain is unregistered or lapsing, and how bad that is (DESIGN.md §6).
 */
public enum ReferenceKind {
    NS(RuleIds.NS_TARGET_UNREGISTERED, RuleIds.NS_TARGET_LAPSING, "NS"),
    MX(RuleIds.MX_TARGET_UNREGISTERED, RuleIds.MX_TARGET_LAPSING, "MX"),
    SPF(RuleIds.SPF_TARGET_UNREGISTERED, RuleIds.SPF_TARGET_LAPSING, "SPF"),
    DKIM(RuleIds.DKIM_TARGET_UNREGISTERED, RuleIds.DKIM_TARGET_LAPSING, "DKIM CNAME"),
    DMARC_RUA(RuleIds.DMARC_REPORT_DOMAIN_UNREGISTERED, null, "DMARC rua"),
    DMARC_RUF(RuleIds.DMARC_REPORT_DOMAIN_UNREGISTERED, null, "DMARC ruf"),
    CNAME(RuleIds.CNAME_TARGET_UNREGISTERED, null, "CNAME"),
    WILDCARD(RuleIds.WILDCARD_DANGLING, null, "wildcard CNAME"),
    SRV(RuleIds.SRV_TARGET_UNREGISTERED, null, "SRV"),
    MTA_STS_MX(RuleIds.MTA_STS_MX_UNREGISTERED, null, "MTA-STS mx"),
    CAA_IODEF(RuleIds.CAA_IODEF_UNREGISTERED, null, "CAA iodef");

    /** First labels of host names that carry mail or log-ins: a stranger behind them receives mail or credentials. */
    static final Set<String> MAIL_OR_LOGIN_LABELS = Set.of("mail", "autodiscover", "autoconfig", "login", "sso", "webmail",
            "smtp", "imap", "pop", "pop3", "mx", "owa", "exchange", "adfs", "auth", "idp", "mta-sts", "vpn", "portal");

    private final String unregisteredRule;
    private final String lapsingRule;
    private final String label;

    ReferenceKind(String unregisteredRule, String lapsingRule, String label) {
        this.unregisteredRule = unregisteredRule;
        this.lapsingRule = lapsingRule;
        this.label = label;
    }

    public String unregisteredRule() {
        return unregisteredRule;
    }

    /** The lapsing rule id; kinds without their own id report lapsing under the unregistered id at HIGH. */
    public String lapsingRule() {
        return lapsingRule == null ? unregisteredRule : lapsingRule;
    }

    /** How the reference is written in a trigger chain, e.g. {@code MX}. */
    public String label() {
        return label;
    }

    /** The severity when the target is unregistered, given the name in our zone that holds the reference. */
    public Severity unregisteredSeverity(String owner) {
        String first = owner.toLowerCase(Locale.ROOT).split("\\.")[0];
        return switch (this) {
            case NS, MX, SPF, DKIM, DMARC_RUF, WILDCARD -> Severity.CRITICAL;
            case CNAME -> MAIL_OR_LOGIN_LABELS.contains(first) ? Severity.CRITICAL : Severity.HIGH;
            case SRV -> first.equals("_autodiscover") || first.equals("_submission") ? Severity.CRITICAL : Severity.HIGH;
            case DMARC_RUA, MTA_STS_MX -> Severity.HIGH;
            case CAA_IODEF -> Severity.MEDIUM;
        };
    }
}
