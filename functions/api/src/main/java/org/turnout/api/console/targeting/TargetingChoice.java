package org.turnout.api.console.targeting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * What staff chose on the targeting page, as its form sends it (one parameter per ticked box): the elections and the
 * identifiers of the side, each once, in the order given.
 */
public record TargetingChoice(List<String> elections, List<String> side) {
    public TargetingChoice {
        elections = distinct(elections);
        side = distinct(side);
    }

    /** Both an election and a side chosen: what a ranking needs. */
    public boolean complete() {
        return !elections.isEmpty() && !side.isEmpty();
    }

    /** The elections as the targeting service takes them, comma-separated. */
    public String electionIds() {
        return String.join(",", elections);
    }

    /** The side as the targeting service takes it, comma-separated. */
    public String sideNames() {
        return String.join(",", side);
    }

    /** The query string that shows this choice again (the page's address, the walk list's way back), URL-encoded. */
    public String query() {
        return String.join("&", Stream.concat(elections.stream().map(id -> parameter("elections", id)),
                side.stream().map(name -> parameter("side", name))).toList());
    }

    static String parameter(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList()));
    }
}
