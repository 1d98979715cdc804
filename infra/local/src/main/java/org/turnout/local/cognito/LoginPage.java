package org.turnout.local.cognito;

import java.util.Locale;
import java.util.Map;

/**
 * The managed login's pages, in French and English: the sign-in form (e-mail, password), the form that replaces an
 * invitation's temporary password, and the error page for a request that names no registered client or URL. Labels
 * tie to their fields, an error is announced ({@code role="alert"}) and named by the field it concerns; every value
 * that came with the request is escaped.
 */
final class LoginPage {
    private static final Map<String, Map<String, String>> MESSAGES = Map.of(
            "fr", Map.ofEntries(
                    Map.entry("title", "Connexion à Turnout"),
                    Map.entry("email", "Adresse e-mail"),
                    Map.entry("password", "Mot de passe"),
                    Map.entry("submit", "Se connecter"),
                    Map.entry("wrong", "Adresse e-mail ou mot de passe incorrect."),
                    Map.entry("change-title", "Choisissez votre mot de passe"),
                    Map.entry("change-intro", "Le mot de passe reçu par e-mail était provisoire."),
                    Map.entry("new-password", "Nouveau mot de passe"),
                    Map.entry("change-submit", "Enregistrer et se connecter"),
                    Map.entry("error-title", "Connexion impossible"),
                    Map.entry("other-language", "English"),
                    Map.entry("other-lang", "en")),
            "en", Map.ofEntries(
                    Map.entry("title", "Sign in to Turnout"),
                    Map.entry("email", "E-mail address"),
                    Map.entry("password", "Password"),
                    Map.entry("submit", "Sign in"),
                    Map.entry("wrong", "Incorrect e-mail address or password."),
                    Map.entry("change-title", "Choose your password"),
                    Map.entry("change-intro", "The password you received by e-mail was temporary."),
                    Map.entry("new-password", "New password"),
                    Map.entry("change-submit", "Save and sign in"),
                    Map.entry("error-title", "Cannot sign in"),
                    Map.entry("other-language", "Français"),
                    Map.entry("other-lang", "fr")));

    private LoginPage() {
    }

    /** {@code lang} if it is one of ours, else the first of ours that {@code acceptLanguage} names, else French. */
    static String language(String lang, String acceptLanguage) {
        if (lang != null && MESSAGES.containsKey(lang)) {
            return lang;
        }
        if (acceptLanguage != null) {
            for (String range : acceptLanguage.split(",")) {
                String tag = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
                String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
                if (MESSAGES.containsKey(primary)) {
                    return primary;
                }
            }
        }
        return "fr";
    }

    /** The sign-in form; {@code authorize} holds the request's parameters, sent again with it. */
    static String signIn(String lang, Map<String, String> authorize, String email, boolean wrong) {
        Map<String, String> m = MESSAGES.get(lang);
        String error = wrong ? "<p id=\"error\" class=\"error\" role=\"alert\">" + m.get("wrong") + "</p>" : "";
        String invalid = wrong ? " aria-invalid=\"true\" aria-describedby=\"error\"" : "";
        return page(lang, m.get("title"), error
                + "<form method=\"post\" action=\"/oauth2/authorize\">" + hidden(authorize)
                + "<label for=\"email\">" + m.get("email") + "</label>"
                + "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\""
                + escape(email == null ? "" : email) + "\"" + invalid + ">"
                + "<label for=\"password\">" + m.get("password") + "</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required" + invalid + ">"
                + "<button type=\"submit\">" + m.get("submit") + "</button></form>"
                + languageLink(lang, authorize));
    }

    /** The form that replaces the temporary password; {@code problem} is the policy's complaint, if any. */
    static String changePassword(String lang, Map<String, String> authorize, String session, String problem) {
        Map<String, String> m = MESSAGES.get(lang);
        String error = problem == null ? "" : "<p id=\"error\" class=\"error\" role=\"alert\">" + escape(problem) + "</p>";
        String invalid = problem == null ? "" : " aria-invalid=\"true\" aria-describedby=\"error\"";
        return page(lang, m.get("change-title"), "<p>" + m.get("change-intro") + "</p>" + error
                + "<form method=\"post\" action=\"/oauth2/authorize\">" + hidden(authorize)
                + "<input type=\"hidden\" name=\"session\" value=\"" + escape(session) + "\">"
                + "<label for=\"new-password\">" + m.get("new-password") + "</label>"
                + "<input id=\"new-password\" name=\"new_password\" type=\"password\" autocomplete=\"new-password\" required" + invalid + ">"
                + "<button type=\"submit\">" + m.get("change-submit") + "</button></form>");
    }

    /** A request the managed login cannot honour without sending the browser somewhere unregistered. */
    static String error(String lang, String reason) {
        Map<String, String> m = MESSAGES.get(lang);
        return page(lang, m.get("error-title"), "<p role=\"alert\">" + escape(reason) + "</p>");
    }

    private static String languageLink(String lang, Map<String, String> authorize) {
        Map<String, String> m = MESSAGES.get(lang);
        StringBuilder query = new StringBuilder();
        authorize.forEach((name, value) -> {
            if (!name.equals("lang")) {
                query.append(query.isEmpty() ? "" : "&").append(ManagedLogin.encode(name)).append('=').append(ManagedLogin.encode(value));
            }
        });
        query.append(query.isEmpty() ? "" : "&").append("lang=").append(m.get("other-lang"));
        return "<p><a href=\"/oauth2/authorize?" + escape(query.toString()) + "\" lang=\"" + m.get("other-lang") + "\" hreflang=\""
                + m.get("other-lang") + "\">" + m.get("other-language") + "</a></p>";
    }

    private static String hidden(Map<String, String> authorize) {
        StringBuilder fields = new StringBuilder();
        authorize.forEach((name, value) -> fields.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        return fields.toString();
    }

    private static String page(String lang, String title, String content) {
        return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}"
                + "label{display:block;margin-top:1rem;font-weight:600}"
                + "input{display:block;width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;border:1px solid #555;border-radius:4px;font-size:1rem}"
                + "input:focus,button:focus,a:focus{outline:3px solid #0b57d0;outline-offset:2px}"
                + "button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#0b57d0;color:#fff;border:0;border-radius:4px}"
                + ".error{color:#b00020;font-weight:600}a{color:#0b57d0}"
                + "</style></head><body><main><h1>" + title + "</h1>" + content + "</main></body></html>";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
