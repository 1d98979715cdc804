package org.turnout.roll;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.turnout.canvass.DoorAddress;
import org.turnout.canvass.StoredDoor;
import org.turnout.importing.ContactField;

/** One line of a roll file, as its cells say it; {@link #problem()} says why it cannot be a voter. */
record RollRow(String station, String birthName, String usedName, String firstNames, String birthDate, String complement,
               String number, String streetType, String street, String locality, String postcode) {
    private static final int MAX_CELL = 200;
    private static final Pattern YEAR = Pattern.compile("(?:\\d{1,2}/\\d{1,2}/(\\d{4}))|(?:(\\d{4})-\\d{2}-\\d{2}.*)");
    /** The abbreviated street types of the Ministry's and La Poste's lists, spelled out as address files write them. */
    private static final Map<String, String> STREET_TYPES = Map.ofEntries(
            Map.entry("R", "Rue"), Map.entry("AV", "Avenue"), Map.entry("BD", "Boulevard"), Map.entry("PL", "Place"),
            Map.entry("CHE", "Chemin"), Map.entry("CHEM", "Chemin"), Map.entry("IMP", "Impasse"), Map.entry("ALL", "Allée"),
            Map.entry("RTE", "Route"), Map.entry("SQ", "Square"), Map.entry("CRS", "Cours"), Map.entry("PAS", "Passage"),
            Map.entry("RES", "Résidence"), Map.entry("LOT", "Lotissement"), Map.entry("HAM", "Hameau"), Map.entry("FG", "Faubourg"),
            Map.entry("QU", "Quai"), Map.entry("SEN", "Sentier"), Map.entry("VC", "Voie communale"));

    static RollRow of(List<String> values, Map<RollColumn, Integer> columns) {
        return new RollRow(cell(values, columns, RollColumn.STATION), cell(values, columns, RollColumn.BIRTH_NAME),
                cell(values, columns, RollColumn.USED_NAME), cell(values, columns, RollColumn.FIRST_NAMES),
                cell(values, columns, RollColumn.BIRTH_DATE),
                Stream.of(cell(values, columns, RollColumn.COMPLEMENT_1), cell(values, columns, RollColumn.COMPLEMENT_2))
                        .filter(c -> c != null).collect(Collectors.collectingAndThen(Collectors.joining(", "), s -> s.isEmpty() ? null : s)),
                Stream.of(cell(values, columns, RollColumn.NUMBER), cell(values, columns, RollColumn.REPETITION))
                        .filter(c -> c != null).collect(Collectors.collectingAndThen(Collectors.joining(" "), s -> s.isEmpty() ? null : s)),
                cell(values, columns, RollColumn.STREET_TYPE), cell(values, columns, RollColumn.STREET),
                cell(values, columns, RollColumn.LOCALITY), cell(values, columns, RollColumn.POSTCODE));
    }

    /** Why this row is no voter a canvasser can visit, or null; never a name, so that it may go in a report. */
    String problem() {
        if (station == null) {
            return "no polling station";
        }
        if (station.length() > 40 || station.contains("#")) {
            return "the polling station is not a code";
        }
        if (birthName == null || firstNames == null) {
            return "no birth name or no first names";
        }
        if (streetLine() == null) {
            return "no street nor locality: no door to knock at";
        }
        if (Stream.of(birthName, usedName, firstNames, complement, streetLine(), postcode).anyMatch(c -> c != null && c.length() > MAX_CELL)) {
            return "a name or an address is longer than " + MAX_CELL + " characters";
        }
        if (door().isEmpty()) {
            return "the address is no door to knock at";
        }
        return null;
    }

    /** What was left out of this voter's row, or null: a street number that is none costs the voter only the number. */
    String warning() {
        return number != null && numberedDoor().isEmpty() ? "the street number is not a number: the voter is kept at the street without it" : null;
    }

    /** The door, by the same rule as address files and contacts: "12 bis Rue de la Paix", 33999. */
    Optional<DoorAddress> door() {
        String line = streetLine();
        return line == null ? Optional.empty() : numberedDoor().or(() -> DoorAddress.parse(line, postcode));
    }

    private Optional<DoorAddress> numberedDoor() {
        String line = streetLine();
        return line == null || number == null ? Optional.empty()
                : DoorAddress.parse(number + " " + line, postcode).filter(door -> door.number() != null);
    }

    /** The voter this row is; only after {@link #problem()} said nothing. */
    Voter voter(String orgId, String importId, long ttl) {
        DoorAddress door = door().orElseThrow();
        return VoterBuilder.builder().orgId(orgId).station(station).storedDoor(StoredDoor.of(door)).complement(complement)
                .birthName(birthName).usedName(usedName).firstNames(firstNames)
                // the birth year tells apart a father and a son of the same names at one door; it is kept only in the key
                .person(ContactField.normalise(birthName) + "|" + ContactField.normalise(firstNames) + "|" + birthYear())
                .importId(importId).ttl(ttl).build();
    }

    /** The street ("RUE" "DE LA PAIX" -> "Rue DE LA PAIX"), else the lieu-dit of a rural address. */
    private String streetLine() {
        if (street == null) {
            return locality;
        }
        if (streetType == null) {
            return street;
        }
        String type = STREET_TYPES.getOrDefault(streetType.toUpperCase(Locale.ROOT).replace(".", ""), streetType);
        return type + " " + street;
    }

    private String birthYear() {
        if (birthDate == null) {
            return "";
        }
        Matcher m = YEAR.matcher(birthDate);
        return m.matches() ? (m.group(1) != null ? m.group(1) : m.group(2)) : "";
    }

    private static String cell(List<String> values, Map<RollColumn, Integer> columns, RollColumn column) {
        Integer index = columns.get(column);
        if (index == null || index >= values.size() || values.get(index) == null || values.get(index).isBlank()) {
            return null;
        }
        return values.get(index).strip();
    }
}
