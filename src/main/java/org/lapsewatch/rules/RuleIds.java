package org.lapsewatch.rules;

/** The stable ids of the rule catalogue (DESIGN.md §6); other tools and the policy service key on them. */
public final class RuleIds {
    private RuleIds() {
    }

    // owned domains: registration lifecycle
    public static final String EXPIRING = "registration.expiring";
    public static final String NO_PUBLIC_EXPIRY = "registration.no-public-expiry";
    public static final String AUTO_RENEW_GRACE = "registration.auto-renew-grace";
    public static final String HOLD = "registration.hold";
    public static final String REDEMPTION = "registration.redemption";
    public static final String PENDING_DELETE = "registration.pending-delete";
    public static final String QUARANTINE = "registration.quarantine";
    public static final String AVAILABLE = "registration.available";
    public static final String RE_REGISTERED = "registration.re-registered";
    public static final String CONTROL_DRIFT = "registration.control-drift";
    public static final String LOCKS_MISSING = "registration.locks-missing";
    public static final String EARLY_DELETE = "registration.early-delete";
    public static final String UNKNOWN_TOO_LONG = "registration.unknown-too-long";
    public static final String LEGACY_REFERENCED = "legacy.referenced";

    // residual trust from live zones
    public static final String NS_TARGET_UNREGISTERED = "dns.ns-target-unregistered";
    public static final String NS_TARGET_LAPSING = "dns.ns-target-lapsing";
    public static final String MX_TARGET_UNREGISTERED = "dns.mx-target-unregistered";
    public static final String MX_TARGET_LAPSING = "dns.mx-target-lapsing";
    public static final String MX_TARGET_NXDOMAIN = "dns.mx-target-nxdomain";
    public static final String SPF_TARGET_UNREGISTERED = "dns.spf-target-unregistered";
    public static final String SPF_TARGET_LAPSING = "dns.spf-target-lapsing";
    public static final String SPF_VOID_LOOKUPS = "dns.spf-void-lookups";
    public static final String SPF_TOO_MANY_LOOKUPS = "dns.spf-too-many-lookups";
    public static final String DKIM_TARGET_UNREGISTERED = "dns.dkim-target-unregistered";
    public static final String DKIM_TARGET_LAPSING = "dns.dkim-target-lapsing";
    public static final String DMARC_REPORT_DOMAIN_UNREGISTERED = "dns.dmarc-report-domain-unregistered";
    public static final String CNAME_TARGET_UNREGISTERED = "dns.cname-target-unregistered";
    public static final String WILDCARD_DANGLING = "dns.wildcard-dangling";
    public static final String SRV_TARGET_UNREGISTERED = "dns.srv-target-unregistered";
    public static final String MTA_STS_MX_UNREGISTERED = "dns.mta-sts-mx-unregistered";
    public static final String LAME_DELEGATION = "dns.lame-delegation";
    public static final String NS_PARENT_CHILD_MISMATCH = "dns.ns-parent-child-mismatch";
    public static final String HARDENING_MISSING = "dns.hardening-missing";
    public static final String CAA_IODEF_UNREGISTERED = "dns.caa-iodef-unregistered";
    /** A referenced domain whose registration could not be verified: never reported as unregistered. */
    public static final String TARGET_UNVERIFIED = "dns.target-unverified";

    // mail exposure
    public static final String MAIL_EXPOSURE = "mail.exposure";

    // Lapsewatch itself
    /** An alert channel that has failed for longer than {@code alerts.failingAfter}; its subject is {@link #SELF}. */
    public static final String ALERT_CHANNEL_FAILING = "alert.channel-failing";
    /** The subject of findings about Lapsewatch itself (".invalid" is reserved and can never be registered, RFC 2606). */
    public static final String SELF = "lapsewatch.invalid";
}
