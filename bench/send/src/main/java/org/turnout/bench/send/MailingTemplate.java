package org.turnout.bench.send;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The benchmark's mailing, as a French campaign writes one: a subject, about 3 KB of HTML and its text, merge fields
 * with fallbacks, an {@code {#if}}, the unsubscribe link. The raw loop sends the same words with the same values put
 * in by plain replacement, so that both sides send messages of the same size.
 */
final class MailingTemplate {

    static final String ORGANISATION = "Banc d'essai de l'envoi";

    static final String SUBJECT = "{first_name ?: 'Bonjour'}, réunion publique jeudi au bureau {polling_station}";

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>Réunion publique</title></head>
            <body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4">
            <tr><td align="center" style="padding:24px 12px">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:6px">
            <tr><td style="padding:28px 32px 8px 32px;font-size:22px;font-weight:bold;color:#1d3557">{organisation}</td></tr>
            <tr><td style="padding:8px 32px;font-size:16px;line-height:1.5">
            <p>Bonjour {first_name ?: 'à vous'},</p>
            <p>Les élections municipales approchent et nous voulons vous entendre. Nous vous invitons à une réunion
            publique ouverte à toutes et à tous, jeudi prochain à 19&nbsp;h&nbsp;30, à la salle des fêtes.</p>
            {#if polling_station}<p>Vous votez au bureau n°&nbsp;{polling_station}&nbsp;: les bénévoles de votre quartier
            seront là pour répondre à vos questions sur le déroulement du scrutin et sur les procurations.</p>{/if}
            <p>Au programme&nbsp;: la rénovation des écoles, les transports du quotidien, la sécurité des rues la nuit,
            les commerces de proximité et le budget participatif. Chacun pourra prendre la parole.</p>
            <p>Vous ne pouvez pas venir&nbsp;? Répondez simplement à ce message&nbsp;: nous lisons tout, et nous vous
            rappellerons si vous le souhaitez.</p>
            </td></tr>
            <tr><td align="center" style="padding:16px 32px 24px 32px">
            <a href="https://campagne.example.org/reunion-publique" style="display:inline-block;padding:12px 28px;background:#e63946;
            color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">Je viens à la réunion</a>
            </td></tr>
            <tr><td style="padding:8px 32px 16px 32px;font-size:14px;line-height:1.5;color:#555">
            <p>Pour aider la campagne, vous pouvez aussi tracter le samedi matin au marché, faire du porte-à-porte
            dans votre quartier ou tenir un bureau de vote le jour de l'élection. Chaque heure compte.</p>
            </td></tr>
            <tr><td style="padding:16px 32px 28px 32px;font-size:12px;line-height:1.4;color:#888;border-top:1px solid #eee">
            Vous recevez ce message parce que vous avez rejoint la liste de {organisation}.
            Vos données ne sont utilisées que pour cette campagne et ne sont jamais cédées.
            <a href="{unsubscribe_url}" style="color:#888">Se désinscrire</a> en un clic.
            </td></tr>
            </table></td></tr></table></body></html>
            """;

    static final String TEXT = """
            Bonjour {first_name ?: 'à vous'},

            Les élections municipales approchent et nous voulons vous entendre. Réunion publique jeudi prochain
            à 19 h 30, à la salle des fêtes.
            {#if polling_station}Vous votez au bureau n° {polling_station} : les bénévoles de votre quartier y seront.{/if}

            Au programme : les écoles, les transports, la sécurité, les commerces et le budget participatif.
            Je viens : https://campagne.example.org/reunion-publique

            {organisation}
            Se désinscrire : {unsubscribe_url}
            """;

    /** About as long as a signed unsubscribe token: the contact, the mailing, an expiry, a signature. */
    static String token(String contactId) {
        byte[] signature = new byte[48];
        new SplittableRandom(contactId.hashCode()).nextBytes(signature);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString((contactId + ".raw-loop.1893456000").getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(signature);
    }

    static String subject(String firstName, String station) {
        return fill(SUBJECT, firstName, station, "");
    }

    static String html(String firstName, String station, String unsubscribe) {
        return fill(HTML, firstName, station, unsubscribe);
    }

    static String text(String firstName, String station, String unsubscribe) {
        return fill(TEXT, firstName, station, unsubscribe);
    }

    private static String fill(String template, String firstName, String station, String unsubscribe) {
        return template.replace("{first_name ?: 'Bonjour'}", firstName).replace("{first_name ?: 'à vous'}", firstName)
                .replace("{#if polling_station}", "").replace("{/if}", "").replace("{polling_station}", station)
                .replace("{organisation}", ORGANISATION).replace("{unsubscribe_url}", unsubscribe);
    }

    private MailingTemplate() {
    }
}
