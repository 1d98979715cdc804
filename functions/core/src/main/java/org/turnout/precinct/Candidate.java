package org.turnout.precinct;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A candidate or list of one election, as the file names it: its panel (or list) number, the
 * candidate's name, the list's name and the nuance code. {@code key} identifies it in the station
 * results: the panel number in the Ministry files, the name as written in a long file.
 */
@DynamoDbBean
public class Candidate {
    private static final Set<String> CIVILITIES = Set.of("m", "m.", "mme", "mme.", "mlle", "mr", "mrs", "ms");
    private String key;
    private String panel;
    private String name;
    private String list;
    private String nuance;

    public static Candidate of(String key, String panel, String name, String list, String nuance) {
        Candidate candidate = new Candidate();
        candidate.key = key;
        candidate.panel = panel;
        candidate.name = name;
        candidate.list = list;
        candidate.nuance = nuance;
        return candidate;
    }

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

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getPanel() {
        return panel;
    }

    public void setPanel(String panel) {
        this.panel = panel;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getList() {
        return list;
    }

    public void setList(String list) {
        this.list = list;
    }

    public String getNuance() {
        return nuance;
    }

    public void setNuance(String nuance) {
        this.nuance = nuance;
    }
}
