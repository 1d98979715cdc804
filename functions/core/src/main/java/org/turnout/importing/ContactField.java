package org.turnout.importing;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The contact fields an import fills, each with the header names it is known by, French and English. */
public enum ContactField {
    // Aliases are compared after normalise(): "E-mail 1 - Value" is "email1value". Besides the French
    // and English names, they cover the exports of the tools campaigns leave (docs/import-formats.md):
    // NationBuilder, Mailchimp, Action Network, Brevo, listmonk, Google Contacts and Outlook.
    EMAIL(254, "courriel", "email", "emailaddress", "adresseemail", "adressemail", "mail", "adresseelectronique",
            "email1", "email1value", "emailaddress1"),
    FIRST_NAME(100, "prenom", "firstname", "givenname"),
    LAST_NAME(100, "nom", "lastname", "nomdefamille", "surname", "familyname"),
    /** One cell for the whole name (listmonk, Google's "Name"): used only when the file has no first and last names. */
    FULL_NAME(200, "name", "fullname", "nomcomplet", "displayname"),
    STREET(200, "adresse", "street", "address", "adressepostale", "rue",
            "primaryaddress1", "address1", "addressaddress1", "can2useraddress", "address1street", "homestreet"),
    POSTCODE(10, "codepostal", "zip", "zipcode", "postcode", "postalcode", "cp",
            "primaryzip", "addresszip", "address1postalcode", "homepostalcode"),
    CITY(100, "ville", "city", "commune", "town",
            "primarycity", "addresscity", "can2usercity", "address1city", "homecity"),
    STATION(30, "bureaudevote", "pollingstation", "precinct", "bureau", "bv"),
    TAGS(1000, "etiquettes", "tags", "groups", "groupes", "labels", "lists", "listes", "interests", "interets", "centresdinteret",
            "taglist", "can2usertags", "groupmembership", "categories"),
    PHONE(30, "telephone", "phone", "tel", "mobile", "portable", "phonenumber",
            "mobilenumber", "can2phone", "sms", "landlinenumber", "phone1value", "mobilephone", "homephone", "primaryphone"),
    /** A subscription status word; only an opt-out ("unsubscribed", "cleaned", "blocklisted"...) acts on the contact. */
    EMAIL_STATUS(50, "emailstatus", "status", "statut", "subscriptionstatus", "can2subscriptionstatus"),
    /** A yes/no opt-in: a "no" is an opt-out. */
    EMAIL_OPT_IN(20, "emailoptin", "optin"),
    /** Filled (a date, "true") when the person opted out: Mailchimp's unsubscribed and cleaned exports, Brevo's blocklist. */
    EMAIL_OPT_OUT(50, "emailoptout", "optout", "unsubtime", "cleantime", "emailblacklisted", "emailblocklisted", "blacklisted",
            "blocklisted", "unsubscribed", "desabonne");

    private final int maxLength;
    private final List<String> aliases;

    ContactField(int maxLength, String... aliases) {
        this.maxLength = maxLength;
        this.aliases = List.of(aliases);
    }

    public int maxLength() {
        return maxLength;
    }

    /** The field's name in a mapping: {@code firstName}, {@code email}, ... */
    public String key() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder key = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return key.toString();
    }

    /** The field a header names, whatever its case, accents, spaces or punctuation. */
    public static Optional<ContactField> ofHeader(String header) {
        String normal = normalise(header);
        return Arrays.stream(values()).filter(f -> f.aliases.contains(normal) || normalise(f.key()).equals(normal)).findFirst();
    }

    public static Optional<ContactField> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }

    /** "Code postal", "code_postal" and "CODE-POSTAL" all become "codepostal"; "Prénom" becomes "prenom". */
    public static String normalise(String header) {
        String decomposed = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
