package org.turnout.bench.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactStatus;
import org.turnout.mailing.Mailing;
import org.turnout.mailing.MailingBuilder;
import org.turnout.mailing.MailingState;

/**
 * A mailing as a French campaign team writes one: a subject, about 3 KB of HTML and its text part, six merge fields
 * (first name, polling station, street, city, organisation, unsubscribe link), one {@code {#if}}. The templates are
 * built from the same literal parts as {@link RawMessage}, so that the raw ceiling writes exactly the same bytes
 * around the same values.
 */
public final class FrenchMailing {
    public static final String ORGANISATION = "Ensemble pour Saint-Denis";
    public static final String FROM_NAME = "L'équipe de campagne";
    public static final String FROM_ADDRESS = "equipe@ensemble-saint-denis.example.org";
    public static final String FIRST_NAME_FALLBACK = "à vous";

    // the subject, around its two fields
    static final String SUBJECT_0 = "";
    static final String SUBJECT_1 = ", on compte sur vous dimanche à ";

    static final String HTML_0 = """
            <!DOCTYPE html>
            <html lang="fr">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Dimanche, on vote</title></head>
            <body style="margin:0;padding:0;background:#f4f1ea;font-family:Georgia,'Times New Roman',serif;color:#222">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ea">
            <tr><td align="center" style="padding:24px 12px">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:6px">
            <tr><td style="padding:28px 32px 8px 32px;font-size:22px;font-weight:bold;color:#7a1f2b">Dimanche, chaque voix compte</td></tr>
            <tr><td style="padding:8px 32px;font-size:16px;line-height:1.6">
            <p>Bonjour\s""";
    static final String HTML_1 = """
            ,</p>
            <p>Dans quelques jours, les électrices et les électeurs de notre ville choisiront leur équipe municipale.
            Depuis des mois, nous avons frappé à des milliers de portes, écouté vos inquiétudes sur les loyers, les écoles,
            les transports et la sécurité, et construit avec vous un programme réaliste, chiffré et tenu.</p>
            """;
    static final String HTML_IF_0 = """
            <p style="background:#fbf3e4;padding:12px 16px;border-left:4px solid #7a1f2b">Votre bureau de vote est le
            <strong>n°\s""";
    static final String HTML_IF_1 = """
            </strong>, ouvert de 8 heures à 19 heures. Pensez à votre pièce d'identité&nbsp;: la carte électorale
            n'est pas obligatoire.</p>
            """;
    static final String HTML_2 = """
            <p>Nous avons prévu des permanences près de chez vous, au\s""";
    static final String HTML_3 = """
            , à\s""";
    static final String HTML_4 = """
            &nbsp;: des bénévoles y répondront à vos questions sur le programme et sur le vote par procuration,
            et pourront vous accompagner si vous avez besoin d'aide pour vous déplacer le jour du scrutin.</p>
            <p>Les élections se gagnent rarement à quelques milliers de voix&nbsp;: elles se gagnent souvent à
            quelques dizaines, bureau par bureau. Si vous le pouvez, parlez-en autour de vous&nbsp;: à vos voisins,
            à votre famille, à vos collègues. Un message, un appel, une conversation sur le palier peuvent faire la
            différence.</p>
            <table role="presentation" cellpadding="0" cellspacing="0" style="margin:20px 0"><tr>
            <td style="background:#7a1f2b;border-radius:4px"><a href="https://ensemble-saint-denis.example.org/procuration"
            style="display:inline-block;padding:12px 22px;color:#ffffff;text-decoration:none;font-weight:bold">Donner ou
            recevoir une procuration</a></td></tr></table>
            <p>Merci pour votre engagement, et à dimanche&nbsp;!</p>
            <p>Amitiés,<br>""";
    static final String HTML_5 = """
            </p>
            </td></tr>
            <tr><td style="padding:16px 32px 28px 32px;font-size:12px;line-height:1.5;color:#777;border-top:1px solid #eee">
            Vous recevez ce message parce que vous avez rejoint la liste de la campagne ou signé l'une de nos pétitions.
            Conformément au RGPD, vous pouvez accéder à vos données, les rectifier ou les faire effacer en écrivant à
            dpo@ensemble-saint-denis.example.org.<br>
            <a href=\"""";
    static final String HTML_6 = """
            " style="color:#777">Se désinscrire</a> en un clic, à tout moment.
            </td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>
            """;

    static final String TEXT_0 = "Bonjour ";
    static final String TEXT_1 = """
            ,

            Dans quelques jours, les électrices et les électeurs de notre ville choisiront leur équipe municipale.
            Depuis des mois, nous avons frappé à des milliers de portes, écouté vos inquiétudes sur les loyers,
            les écoles, les transports et la sécurité, et construit avec vous un programme réaliste, chiffré et tenu.

            """;
    static final String TEXT_IF_0 = "Votre bureau de vote est le n° ";
    static final String TEXT_IF_1 = """
            , ouvert de 8 heures à 19 heures. Pensez à votre pièce d'identité : la carte électorale n'est pas obligatoire.

            """;
    static final String TEXT_2 = "Nous avons prévu des permanences près de chez vous, au ";
    static final String TEXT_3 = ", à ";
    static final String TEXT_4 = """
             : des bénévoles y répondront à vos questions sur le programme et sur le vote par procuration.

            Donner ou recevoir une procuration : https://ensemble-saint-denis.example.org/procuration

            Merci pour votre engagement, et à dimanche !

            Amitiés,
            """;
    static final String TEXT_5 = """


            Se désinscrire en un clic :\s""";
    static final String TEXT_6 = "\n";

    private static final String FIRST_NAME = "{first_name ?: '" + FIRST_NAME_FALLBACK + "'}";
    private static final String IF_STATION = "{#if polling_station}";
    private static final String END_IF = "{/if}";

    public static final String SUBJECT = SUBJECT_0 + FIRST_NAME + SUBJECT_1 + "{city}";
    public static final String HTML = HTML_0 + FIRST_NAME + HTML_1
            + IF_STATION + HTML_IF_0 + "{polling_station}" + HTML_IF_1 + END_IF
            + HTML_2 + "{street}" + HTML_3 + "{city}" + HTML_4 + "{organisation}" + HTML_5 + "{unsubscribe_url}" + HTML_6;
    public static final String TEXT = TEXT_0 + FIRST_NAME + TEXT_1
            + IF_STATION + TEXT_IF_0 + "{polling_station}" + TEXT_IF_1 + END_IF
            + TEXT_2 + "{street}" + TEXT_3 + "{city}" + TEXT_4 + "{organisation}" + TEXT_5 + "{unsubscribe_url}" + TEXT_6;

    private static final String[] FIRST_NAMES = {"Léa", "Chloé", "Hélène", "Zoé", "Maël", "Noémie", "Jérôme", "François",
            "Anaïs", "Éloïse", "Gaël", "Inès", "Loïc", "Amélie", "Benoît", "Céline", "Aurélien", "Maïwenn", "Karim", "Mamadou"};
    private static final String[] LAST_NAMES = {"Dubois", "Lefèvre", "Bernard", "Nguyễn", "Moreau", "Girard", "Faure",
            "Benali", "Diallo", "Rousseau", "Lemaître", "Mercier"};
    private static final String[] STREETS = {"12 rue de la République", "3 allée des Tilleuls & des Chênes",
            "47 boulevard Jules-Guesde", "8 place de l'Église", "115 avenue Paul-Vaillant-Couturier",
            "2 bis rue Gabriel-Péri", "26 rue du Landy", "5 impasse des Œillets"};
    private static final String[] CITIES = {"Saint-Denis", "Saint-Denis", "Pierrefitte-sur-Seine", "L'Île-Saint-Denis"};

    private FrenchMailing() {
    }

    /** The saved mailing, in the state in which SendFunction sends it. */
    public static Mailing mailing(String orgId, String mailingId) {
        MailingBuilder mailing = MailingBuilder.builder();
        mailing.orgId(orgId);
        mailing.mailingId(mailingId);
        mailing.name("Dimanche, on vote");
        mailing.state(MailingState.SENDING.code());
        mailing.fromName(FROM_NAME);
        mailing.fromAddress(FROM_ADDRESS);
        mailing.subject(SUBJECT);
        mailing.html(HTML);
        mailing.text(TEXT);
        mailing.recipients(1_000_000L);
        mailing.dispatchComplete(true);
        return mailing.build();
    }

    /**
     * Contacts of the organisation, each from its own random stream: accented names, one in ten with no first name
     * (the fallback), one in five with no polling station (the {@code {#if}} left out), streets holding
     * {@code '} and {@code &}, which the HTML part escapes.
     */
    public static List<Contact> contacts(String orgId, int count, long seed) {
        List<Contact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            ContactBuilder contact = ContactBuilder.builder();
            contact.orgId(orgId);
            contact.contactId(String.format("c%031x", i));
            String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            contact.firstName(random.nextInt(10) == 0 ? null : first);
            contact.lastName(last);
            contact.email(ascii(first).toLowerCase() + "." + ascii(last).toLowerCase() + i + "@example.org");
            contact.station(random.nextInt(5) == 0 ? null : String.format("%04d", 1 + random.nextInt(60)));
            contact.street(STREETS[random.nextInt(STREETS.length)]);
            contact.postcode("93200");
            contact.city(CITIES[random.nextInt(CITIES.length)]);
            contact.status(ContactStatus.SUBSCRIBED.code());
            contact.tags(new ArrayList<>(List.of("sympathisant")));
            contact.attributes(Map.of("quartier", "Pleyel"));
            contact.createdAt(Instant.parse("2026-09-01T10:00:00Z").plusSeconds(i));
            contacts.add(contact.build());
        }
        return contacts;
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
    }
}
