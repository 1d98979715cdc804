package org.turnout.bench.imports;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a contact list as a French campaign team exports it from Excel: {@code ;}-separated,
 * Windows-1252, CRLF, French headers, accented names and addresses, a few tags, and the usual
 * defects in small shares: about 1 % of rows with an invalid or missing email, about 2 % repeating
 * an earlier person with the address in another case or padded with spaces, and a few quoted fields
 * holding {@code ;}, quotes or a line break.
 *
 * <p>Each row is drawn from its own random stream, seeded from the file's seed and the row's index, so
 * a file is the same for the same seed and row count, and a duplicate can re-derive the earlier row
 * it repeats instead of remembering it: memory stays constant however long the file.
 *
 * <p>{@code java ... ContactFileGenerator ROWS FILE [SEED]} writes one and prints its summary.
 */
public final class ContactFileGenerator {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    public static final List<String> HEADER = List.of("Prénom", "Nom", "Courriel", "Adresse", "Code postal", "Ville",
            "Bureau de vote", "Étiquettes", "Téléphone");
    public static final long DEFAULT_SEED = 2026;

    /** Shares of rows, drawn per row: the rest are new people. */
    static final double INVALID_EMAIL = 0.006;
    static final double MISSING_EMAIL = 0.004;
    static final double DUPLICATE = 0.02;
    /** Of the duplicates, this share repeats one of the previous {@link #NEARBY} rows; the others any earlier row. */
    static final double DUPLICATE_NEARBY = 0.5;
    static final int NEARBY = 50;
    static final double QUOTED_DELIMITER = 0.003;
    static final double QUOTED_QUOTES = 0.002;
    static final double LINE_BREAK = 0.003;

    private static final String CRLF = "\r\n";

    /** What a generated file holds, as an import of it into an empty organisation must count it. */
    public record Summary(long rows, long contacts, long duplicates, long invalidEmails, long missingEmails,
                          long withDelimiter, long withQuotes, long withLineBreak) {

        /** Rows an import must reject: an invalid or missing email. */
        public long rejected() {
            return invalidEmails + missingEmails;
        }

        Summary plus(Kind kind, Decoration decoration) {
            return new Summary(rows + 1,
                    contacts + (kind == Kind.NEW ? 1 : 0),
                    duplicates + (kind == Kind.DUPLICATE ? 1 : 0),
                    invalidEmails + (kind == Kind.INVALID_EMAIL ? 1 : 0),
                    missingEmails + (kind == Kind.MISSING_EMAIL ? 1 : 0),
                    withDelimiter + (decoration == Decoration.DELIMITER ? 1 : 0),
                    withQuotes + (decoration == Decoration.QUOTES ? 1 : 0),
                    withLineBreak + (decoration == Decoration.LINE_BREAK ? 1 : 0));
        }

        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0, 0, 0);
    }

    enum Kind { NEW, DUPLICATE, INVALID_EMAIL, MISSING_EMAIL }

    enum Decoration { NONE, DELIMITER, QUOTES, LINE_BREAK }

    /** One person as first met in the file. */
    private record Person(String firstName, String lastName, String emailLocal, String domain, String street,
                          String postcode, String city, String station, List<String> tags, String phone) {
    }

    private final long seed;

    public ContactFileGenerator(long seed) {
        this.seed = seed;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ContactFileGenerator ROWS FILE [SEED]");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0].replace("_", ""));
        Path file = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        Summary summary = new ContactFileGenerator(seed).write(file, rows);
        System.out.println(file + ": " + summary + ", " + Files.size(file) + " bytes");
    }

    /** Writes the header and {@code rows} rows to {@code file}, streaming, and says what they are. */
    public Summary write(Path file, long rows) throws IOException {
        CharsetEncoder encoder = WINDOWS_1252.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), encoder), 1 << 16)) {
            return write(out, rows);
        }
    }

    /** The same, to any writer (which decides the encoding). */
    public Summary write(Writer out, long rows) throws IOException {
        writeRecord(out, HEADER);
        Summary summary = Summary.EMPTY;
        List<String> values = new ArrayList<>(HEADER.size());
        for (long index = 0; index < rows; index++) {
            values.clear();
            Row row = row(index, values);
            writeRecord(out, values);
            summary = summary.plus(row.kind(), row.decoration());
        }
        return summary;
    }

    /**
     * The same header and rows as an Excel workbook, as Excel saves one: every text cell in the workbook's
     * shared-strings table (each distinct text once, cells referring to it by index), no cell for an empty
     * value, one sheet named "Contacts". Written by POI's streaming writer: rows go to a temporary file as
     * they come, only the shared-strings table grows in this JVM's memory until the file is written.
     */
    public Summary writeWorkbook(Path file, long rows) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, true)) {
            Sheet sheet = workbook.createSheet("Contacts");
            int[] next = {0};
            Consumer<List<String>> write = values -> {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(next[0]++);
                for (int column = 0; column < values.size(); column++) {
                    if (!values.get(column).isEmpty()) {
                        row.createCell(column).setCellValue(values.get(column));
                    }
                }
            };
            write.accept(HEADER);
            Summary summary = forEachRecord(rows, write);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                workbook.write(out);
            }
            workbook.dispose();
            return summary;
        }
    }

    /**
     * The rows without the header, each as its values (unquoted), for building items without a file; the
     * list handed to {@code each} is reused from row to row.
     */
    public Summary forEachRecord(long rows, Consumer<List<String>> each) {
        Summary summary = Summary.EMPTY;
        List<String> values = new ArrayList<>(HEADER.size());
        for (long index = 0; index < rows; index++) {
            values.clear();
            Row row = row(index, values);
            each.accept(values);
            summary = summary.plus(row.kind(), row.decoration());
        }
        return summary;
    }

    /** The rows' values one after the other, lazily, each a new list. */
    public Iterator<List<String>> records(long rows) {
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return index < rows;
            }

            @Override
            public List<String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<String> values = new ArrayList<>(HEADER.size());
                row(index++, values);
                return values;
            }
        };
    }

    private record Row(Kind kind, Decoration decoration) {
    }

    /** Appends row {@code index}'s values and says what kind of row it is. */
    private Row row(long index, List<String> values) {
        SplittableRandom random = random(index);
        Kind kind = kind(index, random.nextDouble());
        Person person;
        String email;
        switch (kind) {
            case DUPLICATE -> {
                long earlier = earlierNewPerson(index, random);
                SplittableRandom earlierRandom = random(earlier);
                earlierRandom.nextDouble(); // its kind
                Person first = person(earlier, earlierRandom);
                person = variant(first, random);
                email = disguise(first.emailLocal() + "@" + first.domain(), random);
            }
            case INVALID_EMAIL -> {
                person = person(index, random);
                email = broken(person, random);
            }
            case MISSING_EMAIL -> {
                person = person(index, random);
                email = random.nextInt(3) == 0 ? " " : "";
            }
            default -> {
                person = person(index, random);
                email = person.emailLocal() + "@" + person.domain();
            }
        }
        String firstName = person.firstName();
        String lastName = person.lastName();
        String street = person.street();
        double roll = random.nextDouble();
        Decoration decoration = Decoration.NONE;
        if (roll < QUOTED_DELIMITER) {
            decoration = Decoration.DELIMITER;
            street = street.isEmpty() ? "Résidence Les Tilleuls; bât. C" : street + "; bât. " + (char) ('A' + random.nextInt(6));
        } else if (roll < QUOTED_DELIMITER + QUOTED_QUOTES) {
            decoration = Decoration.QUOTES;
            lastName = lastName + " dit \"" + pick(NICKNAMES, random) + "\"";
        } else if (roll < QUOTED_DELIMITER + QUOTED_QUOTES + LINE_BREAK) {
            decoration = Decoration.LINE_BREAK;
            street = (street.isEmpty() ? "1 place de la Mairie" : street) + CRLF + "Bâtiment " + (char) ('A' + random.nextInt(6));
        }
        values.add(firstName);
        values.add(lastName);
        values.add(email);
        values.add(street);
        values.add(person.postcode());
        values.add(person.city());
        values.add(person.station());
        values.add(String.join(random.nextInt(4) == 0 ? "|" : ", ", person.tags()));
        values.add(person.phone());
        return new Row(kind, decoration);
    }

    /** What row {@code index} is, from the first draw of its stream; the first row is always a new person. */
    private static Kind kind(long index, double roll) {
        if (index == 0) {
            return Kind.NEW;
        }
        if (roll < INVALID_EMAIL) {
            return Kind.INVALID_EMAIL;
        }
        if (roll < INVALID_EMAIL + MISSING_EMAIL) {
            return Kind.MISSING_EMAIL;
        }
        if (roll < INVALID_EMAIL + MISSING_EMAIL + DUPLICATE) {
            return Kind.DUPLICATE;
        }
        return Kind.NEW;
    }

    /** An earlier row that was a new person: one of the last few, or any. */
    private long earlierNewPerson(long index, SplittableRandom random) {
        boolean nearby = random.nextDouble() < DUPLICATE_NEARBY;
        for (int attempt = 0; ; attempt++) {
            // row 0 is a new person, so the whole file before this row always has one
            long from = nearby && attempt < 100 ? Math.max(0, index - NEARBY) : 0;
            long candidate = from + random.nextLong(index - from);
            if (kind(candidate, random(candidate).nextDouble()) == Kind.NEW) {
                return candidate;
            }
        }
    }

    private SplittableRandom random(long index) {
        // SplittableRandom's own mixing spreads consecutive seeds; the golden-ratio step keeps files of different seeds apart
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    private static Person person(long index, SplittableRandom random) {
        String firstName = pick(FIRST_NAMES, random);
        String lastName = pick(LAST_NAMES, random);
        String first = fold(firstName);
        String last = fold(lastName);
        // the row's index ends the local part, so that no two people share an address
        String local = switch (random.nextInt(5)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + last;
            case 2 -> last + "." + first;
            case 3 -> first + "_" + last;
            default -> first + last.charAt(0);
        } + index;
        if (random.nextInt(20) == 0) {
            local = Character.toUpperCase(local.charAt(0)) + local.substring(1);
        }
        String[] place = pick(PLACES, random);
        String street = random.nextInt(7) == 0 ? "" : address(random);
        String station = random.nextInt(10) == 0 ? "" : String.format(Locale.ROOT, "%04d", 1 + random.nextInt(120));
        List<String> tags = new ArrayList<>(3);
        int count = random.nextInt(10) < 4 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String tag = pick(TAGS, random);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        String phone = random.nextInt(10) < 3 ? "" : phone(random);
        return new Person(random.nextInt(40) == 0 ? "" : firstName, lastName, local, pick(DOMAINS, random), street,
                place[0], place[1], station, tags, phone);
    }

    /** The same person written again by someone else: names in another case or spaced, fewer or other tags. */
    private static Person variant(Person first, SplittableRandom random) {
        String firstName = switch (random.nextInt(3)) {
            case 0 -> first.firstName().toUpperCase(Locale.ROOT);
            case 1 -> " " + first.firstName() + " ";
            default -> first.firstName();
        };
        String lastName = random.nextBoolean() ? first.lastName().toUpperCase(Locale.ROOT) : first.lastName() + "  ";
        List<String> tags = random.nextBoolean() ? List.of(pick(TAGS, random)) : List.of();
        return new Person(firstName, lastName, first.emailLocal(), first.domain(), random.nextBoolean() ? first.street() : "",
                first.postcode(), first.city(), first.station(), tags, random.nextBoolean() ? first.phone() : "");
    }

    /** The same address as a person would type it again: another case, spaces around it. */
    private static String disguise(String email, SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> email.toUpperCase(Locale.ROOT);
            case 1 -> "  " + email + " ";
            case 2 -> Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@'))
                    + email.substring(email.indexOf('@')).toUpperCase(Locale.ROOT);
            default -> " " + email.toUpperCase(Locale.ROOT);
        };
    }

    /** An address no import may accept. */
    private static String broken(Person person, SplittableRandom random) {
        String local = person.emailLocal();
        String domain = person.domain();
        return switch (random.nextInt(6)) {
            case 0 -> local + "@";
            case 1 -> local + "." + domain;                                  // the @ forgotten
            case 2 -> local + "@" + domain.substring(0, domain.indexOf('.')); // no top-level domain
            case 3 -> local.replace(".", " ").replace("_", " ") + " x@" + domain; // a space inside
            case 4 -> local + "@@" + domain;
            default -> local + "@" + domain.replace('.', ',');              // a comma for the dot
        };
    }

    private static String address(SplittableRandom random) {
        int number = 1 + random.nextInt(180);
        String suffix = random.nextInt(15) == 0 ? (random.nextBoolean() ? " bis" : " ter") : "";
        return number + suffix + " " + pick(STREETS, random);
    }

    private static String phone(SplittableRandom random) {
        int mobile = random.nextBoolean() ? 6 : 7;
        String digits = String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        String pairs = digits.substring(0, 2) + " " + digits.substring(2, 4) + " " + digits.substring(4, 6) + " " + digits.substring(6);
        return switch (random.nextInt(3)) {
            case 0 -> "0" + mobile + " " + pairs;
            case 1 -> "+33 " + mobile + " " + pairs;
            default -> "0" + mobile + digits;
        };
    }

    /** For an email address: no accents, ligatures spelled out, no spaces, hyphens or apostrophes. */
    static String fold(String name) {
        String spelled = name.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae");
        String decomposed = Normalizer.normalize(spelled, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static <T> T pick(T[] choices, SplittableRandom random) {
        return choices[random.nextInt(choices.length)];
    }

    private static void writeRecord(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(';');
            }
            String value = values.get(i);
            if (value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                out.write('"');
                out.write(value.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(value);
            }
        }
        out.write(CRLF);
    }

    /** Fails the write if a value cannot be written in Windows-1252 (a name list with a character it lacks). */
    static void checkEncodable() {
        CharsetEncoder encoder = WINDOWS_1252.newEncoder();
        for (String[] list : new String[][] {FIRST_NAMES, LAST_NAMES, STREETS, TAGS, NICKNAMES, DOMAINS}) {
            for (String value : list) {
                if (!encoder.canEncode(value)) {
                    throw new UncheckedIOException(new IOException(value + " is not in Windows-1252"));
                }
            }
        }
    }

    private static final String[] FIRST_NAMES = {
        "Jean", "Marie", "Camille", "Léa", "Chloé", "Hélène", "Jérôme", "François", "Françoise", "Zoé", "Anaïs",
        "Benoît", "Noël", "Maël", "Loïc", "Cécile", "Amélie", "Sébastien", "Frédéric", "Agnès", "Béatrice", "Joël",
        "Raphaël", "Inès", "Gaëlle", "Théo", "Lucas", "Hugo", "Louise", "Emma", "Nathalie", "Stéphane", "Valérie",
        "Pierre", "Michel", "Sophie", "Isabelle", "Thierry", "Éric", "Élodie", "Clément", "Aurélien", "Mélanie",
        "Jérémy", "Céline", "Grégoire", "Adèle", "Léon", "Jules", "Manon", "Romain", "Nicolas", "Sandrine", "Héloïse",
        "Chantal", "Gérard", "Josiane", "Océane", "Yannick", "Aïcha", "Mohamed", "Karim", "Fatou", "Minh",
        "Anne-Sophie", "Jean-Luc", "Marie-Thérèse", "Pierre-Yves",
    };

    private static final String[] LAST_NAMES = {
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
        "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
        "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
        "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Perrin", "Morin", "Mathieu", "Clément",
        "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Gérard", "Nguyen", "Boyer",
        "Lemaire", "Duval", "Joly", "Noël", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas",
        "Rivière", "Le Gall", "Prévost", "Carré", "Rémy", "Ménard", "Da Silva", "Le Cœur", "d’Arcy", "N’Diaye",
        "Lefèbvre-Houël", "Bénard", "Séguin", "Châtelain", "Bœuf", "Traoré", "Diallo", "Benali", "Kowalski",
    };

    private static final String[][] PLACES = {
        {"75011", "Paris"}, {"75018", "Paris"}, {"75020", "Paris"}, {"69003", "Lyon"}, {"13005", "Marseille"},
        {"31000", "Toulouse"}, {"44000", "Nantes"}, {"33000", "Bordeaux"}, {"59000", "Lille"}, {"67000", "Strasbourg"},
        {"35000", "Rennes"}, {"34000", "Montpellier"}, {"06000", "Nice"}, {"38000", "Grenoble"}, {"21000", "Dijon"},
        {"49000", "Angers"}, {"37000", "Tours"}, {"63000", "Clermont-Ferrand"}, {"76000", "Rouen"}, {"87000", "Limoges"},
        {"29200", "Brest"}, {"80000", "Amiens"}, {"97400", "Saint-Denis"}, {"30000", "Nîmes"}, {"42000", "Saint-Étienne"},
        {"45000", "Orléans"}, {"72000", "Le Mans"}, {"64000", "Pau"}, {"17000", "La Rochelle"}, {"84000", "Avignon"},
        {"57000", "Metz"}, {"74000", "Annecy"}, {"73000", "Chambéry"}, {"20000", "Ajaccio"}, {"93200", "Saint-Denis"},
        {"94200", "Ivry-sur-Seine"}, {"92110", "Clichy"}, {"08000", "Charleville-Mézières"}, {"39000", "Lons-le-Saunier"},
    };

    private static final String[] STREETS = {
        "rue de la République", "avenue Jean-Jaurès", "rue de l’Église", "place du Général-de-Gaulle",
        "chemin des Écoliers", "boulevard Voltaire", "impasse des Lilas", "allée des Châtaigniers", "rue Émile-Zola",
        "quai de la Loire", "route de Nîmes", "rue du Cœur-Volant", "rue Victor-Hugo", "avenue de la Gare",
        "rue Pasteur", "rue des Écoles", "place de la Mairie", "rue du Moulin", "rue Gambetta", "cours Mirabeau",
        "rue Jules-Ferry", "avenue du Maréchal-Foch", "rue de la Fontaine", "rue Saint-Éloi", "rue de Bretagne",
        "boulevard de Ménilmontant", "rue Léon-Blum", "rue des Frères-Lumière", "square Édith-Piaf",
    };

    private static final String[] TAGS = {
        "bénévole", "sympathisant", "donateur", "adhérent", "porte-à-porte", "tractage", "jeunes", "quartier-nord",
        "réunion-2026", "newsletter", "élu", "assesseur", "phoning", "collage",
    };

    private static final String[] NICKNAMES = {"le Grand", "la Petite", "Mimi", "Jojo", "le Baron"};

    private static final String[] DOMAINS = {
        "orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "wanadoo.fr", "hotmail.fr", "yahoo.fr",
        "outlook.fr", "icloud.com", "proton.me", "bbox.fr", "exemple.fr", "mairie-exemple.fr",
    };

    static {
        checkEncodable();
    }
}
