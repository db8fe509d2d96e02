package org.lapsewatch.model;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.IDNA;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A registrable domain (public suffix plus one label), held in its IDNA A-label form (UTS #46,
 * non-transitional) and shown with its U-label.
 *
 * <p>Instances are only made by {@link #parse(String)} (which refuses anything that is not
 * itself registrable) and {@link #registrableOf(String)} (which reduces any host name to the
 * registrable domain it belongs to), so every instance is valid.
 */
public record DomainName(String ascii) implements Comparable<DomainName> {

    private static final IDNA UTS46 = IDNA.getUTS46Instance(
            IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE
                    | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO | IDNA.USE_STD3_RULES);

    /** Lower-case A-labels (LDH), at least two, no trailing dot: what {@link #toAscii} produces for a registrable name. */
    private static final Pattern NORMALIZED = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");

    public DomainName {
        if (ascii == null || !NORMALIZED.matcher(ascii).matches()) {
            throw new IllegalArgumentException("not a normalized domain name: '" + ascii + "'");
        }
    }

    /**
     * Normalizes user input (any case, U-labels or A-labels, an optional trailing dot) and
     * requires it to be a registrable domain.
     *
     * @throws InvalidDomainException naming the input and, for a subdomain, the registrable
     *                                domain it belongs to
     */
    public static DomainName parse(String input) {
        String ascii = toAscii(input);
        DomainName registrable = reduce(input, ascii);
        if (!registrable.ascii.equals(ascii)) {
            throw new InvalidDomainException(input, "is a subdomain, not a registrable domain; the registrable domain is "
                    + registrable.display());
        }
        return registrable;
    }

    /** The registrable domain that a host name belongs to, e.g. {@code mx1.oldvendor.co.uk → oldvendor.co.uk}. */
    public static DomainName registrableOf(String hostName) {
        return reduce(hostName, toAscii(hostName));
    }

    /**
     * Normalizes any host name to lower-case A-labels without trailing dot, without reducing it.
     *
     * @throws InvalidDomainException when the name is not a valid IDNA host name
     */
    public static String toAscii(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidDomainException(String.valueOf(input), "is empty");
        }
        String trimmed = input.strip();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.contains("..")) {
            throw new InvalidDomainException(input, "has an empty label");
        }
        if (isPlainLdh(trimmed)) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        return viaUts46(input, trimmed);
    }

    /**
     * True when a name is letters, digits and hyphens only, in labels of 1 to 63 characters that
     * neither start nor end with '-' nor have "--" in the third and fourth position (A-labels and
     * reserved labels), at most 253 characters in all: UTS #46 maps such a name to itself in lower
     * case and finds nothing wrong with it, so ICU need not be asked. ICU takes tens of
     * microseconds per name; a mail-log scan resolves every recipient domain it has not seen yet.
     */
    static boolean isPlainLdh(String name) {
        if (name.length() > 253) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length < 1 || length > 63 || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-'
                        || length >= 4 && name.charAt(labelStart + 2) == '-' && name.charAt(labelStart + 3) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** {@link #toAscii} by ICU's UTS #46 processing, with IDNA2008's exclusion of symbols and punctuation. */
    static String viaUts46(String input, String trimmed) {
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(trimmed, out, info);
        if (info.hasErrors()) {
            throw new InvalidDomainException(input, "is not a valid host name: " + describe(info.getErrors()));
        }
        String notInIdna2008 = symbolsAndPunctuation(trimmed);
        if (notInIdna2008 != null) {
            throw new InvalidDomainException(input, "is not a valid host name: it contains " + notInIdna2008
                    + ", which IDNA2008 does not allow in domain names");
        }
        String ascii = out.toString().toLowerCase(Locale.ROOT);
        if (ascii.length() > 253) {
            throw new InvalidDomainException(input, "is longer than 253 characters");
        }
        return ascii;
    }

    /**
     * The first symbol or punctuation character in a name (other than '-' and '.'), or null.
     * UTS #46 still maps symbols such as emoji ("i❤.ws") to valid labels for compatibility;
     * IDNA2008 (RFC 5892) disallows them, registries refuse them, and they are a homograph risk.
     */
    private static String symbolsAndPunctuation(String name) {
        StringBuilder mapped = new StringBuilder();
        UTS46.nameToUnicode(name, mapped, new IDNA.Info());
        return mapped.codePoints()
                .filter(cp -> cp != '-' && cp != '.' && !CONTEXTO.contains(cp) && isSymbolOrPunctuation(cp))
                .mapToObj(cp -> "'" + Character.toString(cp) + "' (U+" + String.format("%04X", cp) + " "
                        + UCharacter.getName(cp) + ")")
                .findFirst().orElse(null);
    }

    /** Punctuation that IDNA2008 allows in context (RFC 5892 appendix A); ICU checks the context. */
    private static final Set<Integer> CONTEXTO = Set.of(0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB);

    private static boolean isSymbolOrPunctuation(int cp) {
        return switch (UCharacter.getType(cp)) {
            case UCharacterCategory.MATH_SYMBOL, UCharacterCategory.CURRENCY_SYMBOL,
                 UCharacterCategory.MODIFIER_SYMBOL, UCharacterCategory.OTHER_SYMBOL,
                 UCharacterCategory.CONNECTOR_PUNCTUATION, UCharacterCategory.DASH_PUNCTUATION,
                 UCharacterCategory.START_PUNCTUATION, UCharacterCategory.END_PUNCTUATION,
                 UCharacterCategory.INITIAL_PUNCTUATION, UCharacterCategory.FINAL_PUNCTUATION,
                 UCharacterCategory.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static String describe(Set<IDNA.Error> errors) {
        return errors.stream().map(e -> switch (e) {
            case DISALLOWED -> "it contains a character that is not allowed (such as a space, '_', '@' or an emoji)";
            case EMPTY_LABEL -> "it has an empty label";
            case LABEL_TOO_LONG -> "a label is longer than 63 characters";
            case DOMAIN_NAME_TOO_LONG -> "it is longer than 253 characters";
            case LEADING_HYPHEN -> "a label starts with '-'";
            case TRAILING_HYPHEN -> "a label ends with '-'";
            case HYPHEN_3_4 -> "a label has '--' in the third and fourth position but is not valid punycode";
            case PUNYCODE, INVALID_ACE_LABEL -> "an xn-- label is not valid punycode";
            case BIDI -> "it mixes right-to-left and left-to-right text in a way IDNA forbids";
            case CONTEXTJ, CONTEXTO_DIGITS, CONTEXTO_PUNCTUATION -> "it uses a joiner or punctuation character out of context";
            case LEADING_COMBINING_MARK -> "a label starts with a combining mark";
            default -> e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }).distinct().collect(Collectors.joining("; "));
    }

    private static DomainName reduce(String input, String ascii) {
        if (!ascii.contains(".")) {
            throw new InvalidDomainException(input, "is a top-level domain, not a registrable domain");
        }
        InternetDomainName name;
        try {
            name = InternetDomainName.from(ascii);
        } catch (IllegalArgumentException e) {
            throw new InvalidDomainException(input, "is not a valid host name (" + e.getMessage() + ")");
        }
        if (name.isUnderRegistrySuffix()) {
            return new DomainName(name.topDomainUnderRegistrySuffix().toString());
        }
        if (name.isRegistrySuffix()) {
            throw new InvalidDomainException(input, "is a public suffix, not a registrable domain");
        }
        // Not under any listed suffix: the PSL's default rule "*" makes the last label the suffix.
        List<String> labels = name.parts();
        return new DomainName(labels.get(labels.size() - 2) + "." + labels.get(labels.size() - 1));
    }

    /** The U-label form for display (equal to {@link #ascii()} for names without IDN labels). */
    public String unicode() {
        // without an A-label there is nothing to convert: ICU would return the name as it is
        return isInternationalized() ? toUnicode(ascii) : ascii;
    }

    /** The top-level domain in A-label form, e.g. {@code nl} or {@code xn--p1ai}. */
    public String tld() {
        return ascii.substring(ascii.lastIndexOf('.') + 1);
    }

    /** The public suffix in A-label form, e.g. {@code co.uk}. */
    public String suffix() {
        return ascii.substring(ascii.indexOf('.') + 1);
    }

    public boolean isInternationalized() {
        return ascii.startsWith("xn--") || ascii.contains(".xn--");
    }

    /** Both forms where they differ, so that homographs are visible: {@code bücher.de (xn--bcher-kva.de)}. */
    public String display() {
        String unicode = unicode();
        return unicode.equals(ascii) ? ascii : unicode + " (" + ascii + ")";
    }

    /** Converts an A-label host name to U-labels; returns the input when it cannot be converted. */
    public static String toUnicode(String asciiName) {
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToUnicode(asciiName, out, info);
        return info.hasErrors() ? asciiName : out.toString();
    }

    @Override
    public int compareTo(DomainName other) {
        return ascii.compareTo(other.ascii);
    }

    @Override
    public String toString() {
        return ascii;
    }
}
