package org.lapsewatch.web;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI's words in one language (English, or Dutch): {@code t.get("overview.title")}. */
public final class Texts {
    static final Texts ENGLISH = new Texts(Locale.ENGLISH);
    static final Texts DUTCH = new Texts(Locale.of("nl"));

    private final ResourceBundle bundle;
    private final Locale locale;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("web.messages", locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return ENGLISH == null || this == ENGLISH ? key : ENGLISH.get(key);
        }
    }

    public String get(String key, Object... args) {
        return String.format(locale, get(key), args);
    }

    public String language() {
        return locale.getLanguage();
    }

    /** The language a request asks for: {@code ?lang=}, then the {@code lw_lang} cookie, then Accept-Language. */
    static Texts choose(String queryLang, String cookieLang, String acceptLanguage) {
        for (String choice : new String[]{queryLang, cookieLang}) {
            if ("nl".equals(choice)) {
                return DUTCH;
            }
            if ("en".equals(choice)) {
                return ENGLISH;
            }
        }
        return acceptLanguage != null && acceptLanguage.toLowerCase(Locale.ROOT).startsWith("nl") ? DUTCH : ENGLISH;
    }
}
