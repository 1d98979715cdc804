package org.turnout.importing;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The contact fields an import fills, each with the header names it is known by, French and English. */
public enum ContactField {
    EMAIL(254, "courriel", "email", "emailaddress", "adresseemail", "adressemail", "mail", "adresseelectronique"),
    FIRST_NAME(100, "prenom", "firstname", "givenname"),
    LAST_NAME(100, "nom", "lastname", "nomdefamille", "surname", "familyname"),
    STREET(200, "adresse", "street", "address", "adressepostale", "rue"),
    POSTCODE(10, "codepostal", "zip", "zipcode", "postcode", "postalcode", "cp"),
    CITY(100, "ville", "city", "commune", "town"),
    STATION(30, "bureaudevote", "pollingstation", "precinct", "bureau", "bv"),
    TAGS(1000, "etiquettes", "tags", "groups", "groupes", "labels", "lists", "listes", "interests", "interets", "centresdinteret"),
    PHONE(30, "telephone", "phone", "tel", "mobile", "portable", "phonenumber");

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
