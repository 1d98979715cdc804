package org.turnout.bench.segments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.turnout.contact.ConsentRecord;
import org.turnout.contact.ConsentRecordBuilder;
import org.turnout.contact.Contact;
import org.turnout.contact.ContactBuilder;
import org.turnout.contact.ContactIds;
import org.turnout.contact.ContactStatus;
import org.turnout.contact.EmailAddress;

/**
 * Realistic contacts of a campaign, the same for the same seed and index whatever else was generated:
 * mostly subscribed with some imported, pending, unsubscribed and bounced ones; a few tags from a small
 * set; polling stations 0001-0040 and the postcodes around them; custom attributes as imports leave them
 * (age, an adhesion date written the French or the ISO way, a profession); a creation date spread over the
 * two years before {@code now}; canvass results on some, and the mailings received and opened on many.
 */
final class ContactGenerator {

    static final long DEFAULT_SEED = 2026;
    /** The key of the contact ids of the generated people; any secret does. */
    private static final ContactIds IDS = new ContactIds("benchmark-contact-id-key-0123456789");
    static final List<String> TAGS = List.of("benevole", "sympathisant", "donateur", "militant", "jeunes", "retraites",
            "porte-a-porte", "newsletter");
    static final int STATIONS = 40;
    static final List<String> POSTCODES = List.of("75011", "75012", "75018", "75019", "75020", "93100", "93200",
            "93500", "94200", "94300", "92110", "92230");
    /** The campaign's past mailings, oldest first: a contact received the ones sent after it joined. */
    static final List<String> MAILINGS = List.of("m-2025-01", "m-2025-03", "m-2025-05", "m-2025-06", "m-2025-09",
            "m-2025-11", "m-2026-01", "m-2026-02", "m-2026-03", "m-2026-04", "m-2026-05", "m-2026-06");

    private static final List<String> FIRST_NAMES = List.of("Camille", "Léa", "Hugo", "Inès", "Lucas", "Chloé", "Nathan",
            "Manon", "Yanis", "Sarah", "Louis", "Fatou", "Jules", "Amina", "Théo", "Zoé", "Karim", "Emma", "Malik", "Jeanne");
    private static final List<String> LAST_NAMES = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
            "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "N'Diaye", "Benali",
            "Nguyen", "Rousseau", "Fontaine");
    private static final List<String> CITIES = List.of("Paris", "Saint-Denis", "Montreuil", "Créteil", "Vitry-sur-Seine",
            "Clichy", "Boulogne-Billancourt");
    private static final List<String> PROFESSIONS = List.of("Enseignante", "Infirmier", "Étudiante", "Retraité",
            "Boulanger", "Ingénieure", "Aide-soignante", "Chauffeur", "Commerçant", "Sans emploi");
    private static final List<String> SOURCES = List.of("signup-form", "fete-2025", "marche-2025-10", "petition-transports",
            "import:adherents-2024");
    private static final List<String> STREETS = List.of("rue de la République", "avenue Jean Jaurès", "boulevard Voltaire",
            "rue du Moulin", "place de la Mairie", "allée des Tilleuls");
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);
    private static final Duration TWO_YEARS = Duration.ofDays(730);

    private final long seed;
    private final Instant now;

    /** @param now the moment the two years of creation dates end at */
    ContactGenerator(long seed, Instant now) {
        this.seed = seed;
        this.now = now;
    }

    /** The {@code index}th contact of the organisation: always the same one for the same seed. */
    Contact contact(String orgId, int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        ContactBuilder contact = ContactBuilder.builder().orgId(orgId);
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        EmailAddress email = EmailAddress.parse(ascii(first) + "." + ascii(last) + "." + index + "@example.org").orElseThrow();
        contact.contactId(IDS.forEmail(email));
        contact.email(email.value());
        contact.firstName(first);
        contact.lastName(last);
        ContactStatus status = status(random);
        contact.status(status.code());

        int station = 1 + random.nextInt(STATIONS);
        contact.station(String.format(Locale.ROOT, "%04d", station));
        // neighbouring stations share a postcode, as they do in a town
        contact.postcode(POSTCODES.get((station - 1) * POSTCODES.size() / STATIONS));
        contact.city(pick(random, CITIES));
        if (random.nextInt(100) < 60) {
            contact.street((1 + random.nextInt(180)) + " " + pick(random, STREETS));
        }
        if (random.nextInt(100) < 40) {
            contact.phone(String.format(Locale.ROOT, "+336%08d", random.nextInt(100_000_000)));
        }

        List<String> tags = new ArrayList<>();
        int tagCount = weighted(random, 25, 40, 25, 10); // 0 to 3 tags
        while (tags.size() < tagCount) {
            String tag = pick(random, TAGS);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        contact.tags(tags);

        Instant createdAt = now.minus(Duration.ofSeconds(random.nextLong(TWO_YEARS.toSeconds())));
        contact.createdAt(createdAt);
        contact.updatedAt(createdAt.plus(Duration.ofSeconds(random.nextLong(Duration.between(createdAt, now).toSeconds() + 1))));
        contact.attributes(attributes(random));
        if (status != ContactStatus.IMPORTED) {
            contact.consent(consent(random, createdAt));
        } else {
            String importId = "imp-" + Integer.toString(random.nextInt(20), 36);
            contact.createdByImport(importId);
            contact.lastImportId(importId);
            contact.lastImportLine((long) 2 + random.nextInt(5000));
        }
        if (random.nextInt(100) < 25) {
            contact.canvassSupport(1 + random.nextInt(5));
            contact.canvassVolunteer(random.nextInt(100) < 15);
        }
        mailings(random, contact, createdAt);
        return contact.build();
    }

    private ContactStatus status(SplittableRandom random) {
        return switch (weighted(random, 80, 7, 4, 6, 1, 1, 1)) {
            case 0 -> ContactStatus.SUBSCRIBED;
            case 1 -> ContactStatus.IMPORTED;
            case 2 -> ContactStatus.PENDING;
            case 3 -> ContactStatus.UNSUBSCRIBED;
            case 4 -> ContactStatus.BOUNCED;
            case 5 -> ContactStatus.COMPLAINED;
            default -> ContactStatus.SUPPRESSED;
        };
    }

    private Map<String, String> attributes(SplittableRandom random) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (random.nextInt(100) < 70) {
            attributes.put("age", Integer.toString(18 + random.nextInt(73)));
        }
        if (random.nextInt(100) < 35) {
            LocalDate adhesion = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(random.nextInt(6 * 365));
            // spreadsheets write dates both ways
            attributes.put("adhesion", random.nextBoolean() ? adhesion.format(FRENCH_DATE) : adhesion.toString());
        }
        if (random.nextInt(100) < 30) {
            attributes.put("profession", pick(random, PROFESSIONS));
        }
        return attributes;
    }

    private ConsentRecord consent(SplittableRandom random, Instant createdAt) {
        ConsentRecord consent = ConsentRecordBuilder.builder()
                .source(pick(random, SOURCES))
                .textVersion(random.nextBoolean() ? "2025-01" : "2026-01")
                .ipHash(Long.toHexString(random.nextLong()))
                .requestedAt(createdAt)
                .confirmedAt(createdAt.plus(Duration.ofMinutes(1 + random.nextInt(2 * 24 * 60))))
                .build();
        return consent;
    }

    /** The mailings sent since the contact joined, on some of them; each opened with some probability. */
    private void mailings(SplittableRandom random, ContactBuilder contact, Instant createdAt) {
        if (random.nextInt(100) >= 65) {
            return;
        }
        double joined = (double) Duration.between(now.minus(TWO_YEARS), createdAt).toSeconds() / TWO_YEARS.toSeconds();
        int firstReceived = (int) Math.floor(joined * MAILINGS.size());
        if (firstReceived >= MAILINGS.size()) {
            return;
        }
        List<String> received = new ArrayList<>(MAILINGS.subList(firstReceived, MAILINGS.size()));
        int openRate = random.nextInt(100); // some open everything, some nothing
        List<String> opened = new ArrayList<>();
        for (String mailing : received) {
            if (random.nextInt(100) < openRate) {
                opened.add(mailing);
            }
        }
        contact.mailingsReceived(received);
        contact.mailingsOpened(opened);
        if (!opened.isEmpty() && random.nextInt(100) < 30) {
            contact.mailingsClicked(List.of(opened.get(random.nextInt(opened.size()))));
        }
    }

    private static int weighted(SplittableRandom random, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Names as they go into addresses: no accents, no apostrophes. */
    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }
}
