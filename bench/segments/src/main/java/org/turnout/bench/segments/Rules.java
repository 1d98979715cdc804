package org.turnout.bench.segments;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.turnout.segment.RuleParser;
import org.turnout.segment.SegmentRule;

/** The rules measured, of growing complexity, in the JSON staff write; and the one the memory runs use. */
final class Rules {

    /** A rule as measured: its name, its JSON, and the rule RuleParser built from it. */
    record Measured(String name, String description, String json, SegmentRule rule) {
    }

    static final String SIMPLE = """
            {"field": "tags", "op": "hasAny", "values": ["benevole", "militant"]}""";

    static final String MEDIUM = """
            {"all": [
              {"field": "tags", "op": "hasAny", "values": ["benevole", "militant", "porte-a-porte"]},
              {"not": {"field": "station", "op": "in", "values": [%s]}},
              {"field": "postcode", "op": "prefix", "values": ["75", "93"]}
            ]}""".formatted(stations(1, 8));

    static final String COMPLEX = """
            {"any": [
              {"all": [
                {"field": "attributes.age", "op": "between", "min": 25, "max": 45},
                {"field": "attributes.adhesion", "op": "dateBetween", "from": "2023-01-01", "to": "2025-12-31"},
                {"not": {"field": "tags", "op": "hasAny", "values": ["retraites"]}}
              ]},
              {"all": [
                {"field": "createdAt", "op": "withinLastDays", "value": 180},
                {"field": "canvass.support", "op": "between", "min": 4, "max": 5}
              ]},
              {"all": [
                {"field": "mailings.notOpened", "op": "inLast", "value": 3},
                {"not": {"field": "tags", "op": "hasAny", "values": ["newsletter", "donateur"]}},
                {"any": [
                  {"field": "station", "op": "in", "values": [%s]},
                  {"field": "postcode", "op": "prefix", "values": ["93", "94"]}
                ]}
              ]}
            ]}""".formatted(stations(5, 14));

    /** Every mailable contact: the largest segment an organisation has, for the memory runs. */
    static final String EVERY_MAILABLE = """
            {"field": "status", "op": "in", "values": ["subscribed"]}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rules() {
    }

    static List<Measured> measured() {
        return List.of(
                measured("simple", "`tags hasAny [2 tags]`", SIMPLE),
                measured("medium", "`all[tags hasAny [3], not station in [8 stations], postcode prefix [2]]`", MEDIUM),
                measured("complex", "`any[all[attributes.age between, attributes.adhesion dateBetween, not tags hasAny], "
                        + "all[createdAt withinLastDays 180, canvass.support between], all[mailings.notOpened inLast 3, "
                        + "not tags hasAny, any[station in [10], postcode prefix [2]]]]`", COMPLEX));
    }

    static Measured measured(String name, String description, String json) {
        return new Measured(name, description, json, parse(json));
    }

    static SegmentRule parse(String json) {
        try {
            return RuleParser.parse(JSON.readTree(json), "rule");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static String stations(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "\"%04d\"".formatted(n)).collect(Collectors.joining(", "));
    }
}
