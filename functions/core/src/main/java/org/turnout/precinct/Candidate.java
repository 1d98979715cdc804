package org.turnout.precinct;

import static org.turnout.store.ItemSchemas.attribute;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A candidate or list of one election, as the file names it: its panel (or list) number, the
 * candidate's name, the list's name and the nuance code. {@code key} identifies it in the station
 * results: the panel number in the Ministry files, the name as written in a long file. Kept in the
 * election's item, as a map of these attributes.
 */
@RecordBuilder
public record Candidate(String key, String panel, String name, String list, String nuance)
        implements CandidateBuilder.With {
    public static final String KEY = "key";
    public static final String PANEL = "panel";
    public static final String NAME = "name";
    public static final String LIST = "list";
    public static final String NUANCE = "nuance";

    public static final TableSchema<Candidate> SCHEMA =
            StaticImmutableTableSchema.builder(Candidate.class, CandidateBuilder.class)
                    .newItemBuilder(CandidateBuilder::builder, CandidateBuilder::build)
                    .addAttribute(String.class, attribute(KEY, Candidate::key, CandidateBuilder::key))
                    .addAttribute(String.class, attribute(PANEL, Candidate::panel, CandidateBuilder::panel))
                    .addAttribute(String.class, attribute(NAME, Candidate::name, CandidateBuilder::name))
                    .addAttribute(String.class, attribute(LIST, Candidate::list, CandidateBuilder::list))
                    .addAttribute(String.class, attribute(NUANCE, Candidate::nuance, CandidateBuilder::nuance))
                    .build();

    /** The type of a list of them, each a map, as an item keeps them. */
    public static final EnhancedType<List<Candidate>> LIST_TYPE = EnhancedType.listOf(EnhancedType.documentOf(Candidate.class, SCHEMA));

    private static final Set<String> CIVILITIES = Set.of("m", "m.", "mme", "mme.", "mlle", "mr", "mrs", "ms");

    /**
     * Whether a side identifier given by staff names this candidate: panel number, list name, nuance
     * code or name, whatever the case and accents; a name in either order ("Claire Arnaud", "ARNAUD
     * Claire"), and either person of a binôme.
     */
    public boolean isNamedBy(String identifier) {
        String wanted = comparable(identifier);
        for (String label : new String[] {key, panel, list, nuance}) {
            if (label != null && comparable(label).equals(wanted)) {
                return true;
            }
        }
        if (name == null) {
            return false;
        }
        List<String> wantedWords = words(wanted);
        List<String> people = new ArrayList<>(List.of(comparable(name).split(" / | et ")));
        people.add(comparable(name));
        return people.stream().anyMatch(person -> words(person).equals(wantedWords));
    }

    /** How staff read it: "1 Saint-Exemple Ensemble (LDVG)", "2 Julie BESSON". */
    public String label() {
        StringBuilder label = new StringBuilder();
        if (panel != null) {
            label.append(panel).append(' ');
        }
        label.append(list != null ? list : name != null ? name : key);
        if (nuance != null) {
            label.append(" (").append(nuance).append(')');
        }
        return label.toString().strip();
    }

    /**
     * What names it as a side ({@link #isNamedBy}) with the least of other elections caught too: its list's name, else
     * its own, else its panel number; never a text with the comma that separates a side's identifiers.
     */
    public String identifier() {
        for (String text : new String[] {list, name, panel}) {
            if (text != null && !text.isBlank() && text.indexOf(',') < 0) {
                return text;
            }
        }
        return key;
    }

    /** Without accents, in lower case, typographic apostrophes typed plain, spaces collapsed, panel numbers without leading zeros. */
    static String comparable(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[\u2018\u2019`]", "'")
                .toLowerCase(Locale.ROOT).replaceAll("[\\s\\u00A0\\u202F]+", " ").strip();
        return plain.matches("0+\\d+") ? plain.replaceFirst("^0+", "") : plain;
    }

    /** A name's words in any order, without civilities ("M. DUPONT Jean" is "jean dupont"). */
    private static List<String> words(String text) {
        return Arrays.stream(text.split("[ /]+")).filter(w -> !w.isEmpty() && !CIVILITIES.contains(w)).sorted().toList();
    }
}
