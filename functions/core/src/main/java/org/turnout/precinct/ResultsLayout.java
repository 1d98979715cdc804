package org.turnout.precinct;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.turnout.importing.ContactField;
import org.turnout.importing.ImportFailedException;

/**
 * Where the figures are in an election results file, told from its header row. Three shapes:
 * <ul>
 * <li>the Ministry's wide file with the candidate group named once ({@code ...;Exprimés;N°Panneau;Sexe;Nom;Prénom;Voix;% Voix/Ins;% Voix/Exp}),
 *     the same group repeated without header for every further candidate or list;</li>
 * <li>the Ministry's wide file with numbered groups ({@code Numéro de panneau 1;Nuance candidat 1;...;Voix 1;...;Voix 2});</li>
 * <li>a long file, one row per station and candidate or list ({@code station;registered;voters;blank;null;list;votes}).</li>
 * </ul>
 * A wide file has a panel (or list) number column, or the per-candidate percentages after its
 * group; a long one has neither, or gives the same station on its first two rows ({@link #asLong()}).
 */
final class ResultsLayout {
    enum Shape { WIDE, WIDE_NUMBERED, LONG }

    /** What a column of a candidate group holds. */
    enum GroupField { PANEL, NAME, FIRST_NAME, LIST, NUANCE, VOTES }

    private static final Map<String, Set<String>> NAMED = Map.of(
            "station", Set.of("codedubvote", "codebvote", "codebv", "bureaudevote", "bureau", "bv", "station", "pollingstation",
                    "codebureau", "codebureaudevote", "precinct"),
            "commune", Set.of("codedelacommune", "codecommune", "codeinsee"),
            "department", Set.of("codedudepartement", "codedepartement"),
            "registered", Set.of("inscrits", "registered"),
            "abstentions", Set.of("abstentions"),
            "voters", Set.of("votants", "voters"),
            "blank", Set.of("blancs", "blanc", "blank"),
            "null", Set.of("nuls", "nul", "null", "invalid"),
            // before 2014's law on blank ballots (municipal 2014 and earlier), blank and null were one count
            "blankOrNull", Set.of("blancsetnuls", "blancsnuls"),
            "expressed", Set.of("exprimes", "expressed"));
    private static final Map<GroupField, Set<String>> GROUP = Map.of(
            GroupField.PANEL, Set.of("npanneau", "npan", "numerodepanneau", "numeropanneau", "panneau", "nliste", "numerodeliste", "numeroliste", "panel"),
            GroupField.NAME, Set.of("nom", "nomcandidat", "nomtetedeliste", "nomteteliste", "candidat", "candidate", "name", "binome"),
            GroupField.FIRST_NAME, Set.of("prenom", "prenomcandidat"),
            GroupField.LIST, Set.of("liste", "libelleabregeliste", "libelleabregedeliste", "libelleetenduliste", "libelledeliste",
                    "libelleliste", "list"),
            GroupField.NUANCE, Set.of("nuance", "codenuance", "nuanceliste", "nuancecandidat", "nuancecandidats"),
            GroupField.VOTES, Set.of("voix", "votes"));
    /** A seat column ({@code Sièges / Elu}, {@code Elu}): with individual candidates and no list, several are elected on one ballot. */
    private static final Set<String> ELECTED = Set.of("siegeselu", "elu");
    /** The municipal files' panel number ({@code N.Pan.}); the regional 2015 group, alike otherwise, numbers its lists {@code N°Liste}. */
    private static final String MUNICIPAL_PANEL = "npan";
    /** The per-candidate percentages that only the Ministry's wide files repeat in every group. */
    private static final Set<String> GROUP_PERCENTAGES = Set.of("voixins", "voixexp");
    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)");

    final Shape shape;
    /** Named columns (station, registered, ...) to their index. */
    final Map<String, Integer> named;
    /** WIDE: where the first group starts and how wide a group is; each group's fields by offset. */
    final int groupStart;
    final int groupWidth;
    /** WIDE and LONG: field to offset in the group (LONG: to column index); the LIST field may hold several. */
    final Map<GroupField, List<Integer>> fields;
    /** WIDE_NUMBERED: group number to its fields' column indexes. */
    final Map<Integer, Map<GroupField, List<Integer>>> numbered;
    /**
     * Whether a voter may vote for several candidates (municipal elections under 1,000 inhabitants:
     * individual candidates, several elected): then the candidates' votes add up to more than the
     * expressed ballots, and only each candidate's votes are checked against them.
     */
    final boolean severalPerBallot;
    /**
     * Whether the group is a municipal file's (a person and a list, numbered {@code N.Pan.} or with a
     * seat column): the Ministry's station file gives the communes under 1,000 in the same group, with
     * the list left empty.
     */
    final boolean municipal;

    private ResultsLayout(Shape shape, Map<String, Integer> named, int groupStart, int groupWidth,
                          Map<GroupField, List<Integer>> fields, Map<Integer, Map<GroupField, List<Integer>>> numbered,
                          boolean severalPerBallot, boolean municipal) {
        this.shape = shape;
        this.named = named;
        this.groupStart = groupStart;
        this.groupWidth = groupWidth;
        this.fields = fields;
        this.numbered = numbered;
        this.severalPerBallot = severalPerBallot;
        this.municipal = municipal;
    }

    static ResultsLayout of(List<String> header) {
        Map<String, Integer> named = new LinkedHashMap<>();
        Map<GroupField, List<Integer>> fields = new LinkedHashMap<>();
        Map<Integer, Map<GroupField, List<Integer>>> numbered = new TreeMap<>();
        int groupStart = -1;
        boolean elected = false;
        boolean percentages = false;
        boolean municipalPanel = false;
        for (int i = 0; i < header.size(); i++) {
            String normal = ContactField.normalise(header.get(i));
            Optional<String> column = namedColumn(normal);
            if (column.isPresent()) {
                named.putIfAbsent(column.get(), i);
                continue;
            }
            elected |= groupStart >= 0 && ELECTED.contains(normal);
            percentages |= groupStart >= 0 && GROUP_PERCENTAGES.contains(normal);
            municipalPanel |= MUNICIPAL_PANEL.equals(normal);
            Optional<GroupField> field = groupField(normal);
            if (field.isPresent()) {
                if (groupStart < 0) {
                    groupStart = i;
                }
                fields.computeIfAbsent(field.get(), f -> new ArrayList<>()).add(i);
                continue;
            }
            Matcher m = NUMBERED.matcher(normal);
            if (m.matches() && groupField(m.group(1)).isPresent()) {
                numbered.computeIfAbsent(Integer.parseInt(m.group(2)), n -> new LinkedHashMap<>())
                        .computeIfAbsent(groupField(m.group(1)).get(), f -> new ArrayList<>()).add(i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("station", "registered", "voters", "blank", "null")) {
            boolean combined = (required.equals("blank") || required.equals("null")) && named.containsKey("blankOrNull");
            if (!named.containsKey(required) && !combined) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new ImportFailedException("not an election results file: no column for " + String.join(", ", missing)
                    + " (expected headers such as Code du b.vote, Inscrits, Votants, Blancs, Nuls)");
        }
        if (!numbered.isEmpty()) {
            numbered.values().removeIf(group -> !group.containsKey(GroupField.VOTES));
            if (numbered.isEmpty()) {
                throw new ImportFailedException("numbered candidate columns without a Voix N column");
            }
            return new ResultsLayout(Shape.WIDE_NUMBERED, named, -1, 0, Map.of(), numbered, false, false);
        }
        if (!fields.containsKey(GroupField.VOTES)) {
            throw new ImportFailedException("no column for the votes (Voix, votes)");
        }
        // the 2014 municipal file has no panel number: its group (Code Nuance ... Voix;% Voix/Ins;% Voix/Exp) tells it
        if (fields.containsKey(GroupField.PANEL) || percentages && named.containsKey("expressed")) {
            if (!named.containsKey("expressed")) {
                throw new ImportFailedException("a wide results file needs the Exprimés column");
            }
            Map<GroupField, List<Integer>> offsets = new LinkedHashMap<>();
            int start = groupStart;
            fields.forEach((field, indexes) -> offsets.put(field, indexes.stream().map(i -> i - start).toList()));
                        // a header may end with empty cells (trailing separators): they belong to no group
            int end = header.size();
            while (end > groupStart && header.get(end - 1).isBlank()) {
                end--;
            }
            boolean personAndList = fields.containsKey(GroupField.NAME) && fields.containsKey(GroupField.LIST);
            return new ResultsLayout(Shape.WIDE, named, groupStart, end - groupStart, offsets, Map.of(),
                    elected && !fields.containsKey(GroupField.LIST), personAndList && (municipalPanel || elected));
        }
        if (!fields.containsKey(GroupField.NAME) && !fields.containsKey(GroupField.LIST) && !fields.containsKey(GroupField.NUANCE)) {
            throw new ImportFailedException("a long results file needs a column naming the candidate or list (candidate, list, liste, nuance)");
        }
        return new ResultsLayout(Shape.LONG, named, -1, 0, fields, Map.of(), false, false);
    }

    /** This wide header read as a long file: one candidate a row, at the columns of the named group. */
    ResultsLayout asLong() {
        Map<GroupField, List<Integer>> columns = new LinkedHashMap<>();
        fields.forEach((field, offsets) -> columns.put(field, offsets.stream().map(offset -> offset + groupStart).toList()));
        return new ResultsLayout(Shape.LONG, named, -1, 0, columns, Map.of(), severalPerBallot, municipal);
    }

    /**
     * Whether a voter of this station could choose several candidates, so that only each candidate's
     * votes are checked against the expressed ballots: the whole file says so ({@link #severalPerBallot}),
     * or, in a municipal file, none of the station's candidates has a list (a commune under 1,000).
     */
    boolean severalPerBallotAt(Collection<Candidate> station) {
        return severalPerBallot
                || municipal && !station.isEmpty() && station.stream().allMatch(candidate -> candidate.list() == null);
    }

    /** Whether the candidates are lists (European, municipal) rather than people (presidential, legislative). */
    boolean hasLists() {
        if (shape == Shape.WIDE_NUMBERED) {
            return numbered.values().stream().anyMatch(group -> group.containsKey(GroupField.LIST));
        }
        return fields.containsKey(GroupField.LIST);
    }

    private static Optional<String> namedColumn(String normal) {
        return NAMED.entrySet().stream().filter(e -> e.getValue().contains(normal)).map(Map.Entry::getKey).findFirst();
    }

    private static Optional<GroupField> groupField(String normal) {
        return GROUP.entrySet().stream().filter(e -> e.getValue().contains(normal)).map(Map.Entry::getKey).findFirst();
    }
}
