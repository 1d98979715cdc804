package org.turnout.precinct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.turnout.precinct.ResultsLayout.GroupField;

/** Reads one row of a results file, laid out as {@link ResultsLayout} says, into a station's figures. */
record ResultsReader(ResultsLayout layout) {
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F]");
    private static final Pattern COUNT = Pattern.compile("\\d{1,12}");
    /** Thousands grouped by a dot, a comma or an apostrophe ({@code 1.234}, {@code 12,345,678}); spaces are removed first. */
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}([.,'])\\d{3}(\\1\\d{3})*");
    /** A whole number saved by a spreadsheet with decimals ({@code 1234,0}, {@code 1234.00}). */
    private static final Pattern ZERO_DECIMALS = Pattern.compile("(\\d{1,12})[.,]0{1,2}");
    static final int MAX_STATION_LENGTH = 40;

    /** A row read: its station's figures and the candidates it names (one, in a long file). */
    record Row(long line, String commune, Long abstentions, StationResult result, List<Candidate> candidates) {
    }

    /** A row that cannot be read, and why. */
    static final class RowError extends RuntimeException {
        final String station;

        RowError(String station, String reason) {
            super(reason, null, false, false);
            this.station = station;
        }
    }

    Row read(long line, List<String> values) {
        String station = cell(values, layout.named.get("station"));
        if (station == null) {
            throw new RowError(null, "no polling station code");
        }
        if (station.length() > MAX_STATION_LENGTH || station.contains("#") || station.chars().anyMatch(Character::isISOControl)) {
            throw new RowError(null, "the polling station code is not a code: '" + station.substring(0, Math.min(40, station.length())) + "'");
        }
        StationResultBuilder result = StationResultBuilder.builder().station(station).line(line)
                .registered(count(values, "registered", station)).voters(count(values, "voters", station));
        if (layout.named.containsKey("blank")) {
            result.blank(count(values, "blank", station)).nulls(count(values, "null", station));
        } else {
            result.nulls(count(values, "blankOrNull", station)); // blank ballots were counted as null then
        }
        Long abstentions = layout.named.containsKey("abstentions") ? count(values, "abstentions", station) : null;
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Long> votes = new LinkedHashMap<>();
        switch (layout.shape) {
            case WIDE:
                for (int start = layout.groupStart; start < values.size(); start += layout.groupWidth) {
                    group(values, start, layout.fields, station, votes, candidates);
                }
                break;
            case WIDE_NUMBERED:
                for (Map<GroupField, List<Integer>> fields : layout.numbered.values()) {
                    group(values, 0, fields, station, votes, candidates);
                }
                break;
            default:
                group(values, 0, layout.fields, station, votes, candidates);
        }
        if (layout.named.containsKey("expressed")) {
            result.expressed(count(values, "expressed", station));
        } else {
            // a long file may leave it out: what was neither blank nor null was expressed
            result.expressed(result.voters() - result.blank() - result.nulls());
        }
        if (candidates.isEmpty()) {
            throw new RowError(station, "no candidate or list with votes");
        }
        return new Row(line, commune(values), abstentions, result.votes(votes).build(), candidates);
    }

    /**
     * The commune's INSEE code. Older files give the commune's number within its department
     * ({@code 33} and {@code 999}, or {@code 1} and {@code 4}): with the department it is the code
     * ({@code 33999}, {@code 01004}) that staff give and newer files write.
     */
    private String commune(List<String> values) {
        String commune = cell(values, layout.named.get("commune"));
        String department = cell(values, layout.named.get("department"));
        if (commune == null || department == null || commune.length() > 3 || !commune.chars().allMatch(Character::isDigit)
                || department.length() > 2) {
            return commune;
        }
        String paddedDepartment = department.length() == 1 ? "0" + department : department;
        return paddedDepartment + "0".repeat(3 - commune.length()) + commune;
    }

    /** One candidate group at {@code start} (offsets in {@code fields}); an empty group (a shorter row's padding) is skipped. */
    private void group(List<String> values, int start, Map<GroupField, List<Integer>> fields, String station,
                       Map<String, Long> votes, List<Candidate> candidates) {
        String votesText = cell(values, start + fields.get(GroupField.VOTES).get(0));
        String panel = first(values, start, fields.get(GroupField.PANEL));
        String name = name(values, start, fields);
        String list = first(values, start, fields.get(GroupField.LIST));
        String nuance = first(values, start, fields.get(GroupField.NUANCE));
        if (votesText == null && panel == null && name == null && list == null && nuance == null) {
            return;
        }
        String key = panel != null ? panel : list != null ? list : name != null ? name : nuance;
        if (key == null) {
            throw new RowError(station, "a candidate or list without panel number, name, list or nuance");
        }
        votes.merge(key, parseCount(votesText, "votes of " + key, station), Long::sum);
        candidates.add(new Candidate(key, panel, name, list, nuance));
    }

    /** The candidate's name; a binôme's two people (two Nom and Prénom columns in one group) joined by " / ". */
    private static String name(List<String> values, int start, Map<GroupField, List<Integer>> fields) {
        List<Integer> names = fields.getOrDefault(GroupField.NAME, List.of());
        List<Integer> firstNames = fields.getOrDefault(GroupField.FIRST_NAME, List.of());
        List<String> people = new ArrayList<>();
        for (int i = 0; i < Math.max(names.size(), firstNames.size()); i++) {
            String name = i < names.size() ? cell(values, start + names.get(i)) : null;
            String firstName = i < firstNames.size() ? cell(values, start + firstNames.get(i)) : null;
            if (name != null || firstName != null) {
                people.add(name == null ? firstName : firstName == null ? name : firstName + " " + name);
            }
        }
        return people.isEmpty() ? null : String.join(" / ", people);
    }

    private static String first(List<String> values, int start, List<Integer> offsets) {
        if (offsets == null) {
            return null;
        }
        for (int offset : offsets) {
            String value = cell(values, start + offset);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private long count(List<String> values, String column, String station) {
        return parseCount(cell(values, layout.named.get(column)), column, station);
    }

    static long parseCount(String text, String what, String station) {
        if (text == null) {
            throw new RowError(station, what + " is missing");
        }
        String digits = SPACES.matcher(text).replaceAll("");
        if (GROUPED.matcher(digits).matches()) {
            digits = digits.replaceAll("[.,']", "");
        } else {
            Matcher decimals = ZERO_DECIMALS.matcher(digits);
            if (decimals.matches()) {
                digits = decimals.group(1);
            }
        }
        if (!COUNT.matcher(digits).matches()) {
            throw new RowError(station, what + " is not a whole number: '" + text.substring(0, Math.min(20, text.length())) + "'");
        }
        return Long.parseLong(digits);
    }

    private static String cell(List<String> values, Integer index) {
        if (index == null || index < 0 || index >= values.size()) {
            return null;
        }
        String value = values.get(index);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
