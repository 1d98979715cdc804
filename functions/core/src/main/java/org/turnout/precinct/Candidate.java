package org.turnout.precinct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A candidate or list of one election, as the file names it: its panel (or list) number, the
 * candidate's name, the list's name and the nuance code. {@code key} identifies it in the station
 * results: the panel number in the Ministry files, the name as written in a long file.
 */
@DynamoDbBean
public class Candidate {
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

    /** Whether a side identifier given by staff names this candidate: panel number, list name, nuance code or name. */
    public boolean isNamedBy(String identifier) {
        String wanted = identifier.strip().toLowerCase(Locale.ROOT);
        List<String> labels = new ArrayList<>();
        for (String label : new String[] {key, panel, name, list, nuance}) {
            if (label != null) {
                labels.add(label.strip().toLowerCase(Locale.ROOT));
            }
        }
        return labels.contains(wanted);
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
