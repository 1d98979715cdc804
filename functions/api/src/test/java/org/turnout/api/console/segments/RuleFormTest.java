package org.turnout.api.console.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.turnout.api.console.segments.RuleFields.Input;
import org.turnout.api.console.segments.RuleNode.Condition;
import org.turnout.api.console.segments.RuleNode.Group;
import org.turnout.segment.RuleParser;

class RuleFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A condition for every operator of every field, with an operand the parser takes. */
    private static List<JsonNode> everyOperator() throws Exception {
        List<JsonNode> rules = new ArrayList<>();
        for (String field : RuleFields.fields()) {
            String name = field.equals(RuleFields.ATTRIBUTES) ? "attributes.âge" : field;
            for (String op : RuleFields.ops(field)) {
                String operand = switch (RuleFields.input(field, op).orElseThrow()) {
                    case STATUSES -> "\"values\": [\"subscribed\", \"imported\"]";
                    case OUTCOMES -> "\"values\": [\"talked\", \"not_home\"]";
                    case LIST -> "\"values\": [\"1\", \"quartier-nord\", \"<b>x</b>\"]";
                    case DATE -> op.equals("after") ? "\"value\": \"2026-01-31\"" : "\"value\": \"2026-01-31T18:00:00Z\"";
                    case NUMBER -> "\"value\": 30";
                    case TEXT -> "\"value\": \"42 ans\"";
                    case BOOLEAN -> "\"value\": false";
                    case RANGE -> field.equals("canvass.support") ? "\"min\": 4" : "\"min\": 18.5, \"max\": 35";
                    case DATES -> "\"from\": \"2026-01-01\", \"to\": \"2026-06-30\"";
                    case NONE -> null;
                };
                rules.add(JSON.readTree("{\"field\": \"" + name + "\", \"op\": \"" + op + "\"" + (operand == null ? "" : ", " + operand) + "}"));
            }
        }
        return rules;
    }

    /** The rule as the browser sends the builder's form back, read again. */
    private static JsonNode throughTheForm(JsonNode rule) {
        return RuleForm.json(RuleForm.read(RuleForm.params(RuleForm.node(rule))).orElseThrow());
    }

    @Test
    void everyOperatorOfEveryFieldOpensInTheBuilderAndComesBackAsItWas() throws Exception {
        List<JsonNode> rules = everyOperator();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(33);
        for (JsonNode rule : rules) {
            assertThat(throughTheForm(rule)).as(rule.toString()).isEqualTo(rule);
            JsonNode negated = JSON.createObjectNode().set("not", rule);
            assertThat(throughTheForm(negated)).as(negated.toString()).isEqualTo(negated);
        }
    }

    @Test
    void theParserTakesEveryFieldAndOperatorTheBuilderOffers() throws Exception {
        for (JsonNode rule : everyOperator()) {
            assertThatCode(() -> RuleParser.parse(rule, "rule")).as(rule.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void nestedGroupsAndNegationsComeBackAsTheyWere() throws Exception {
        JsonNode rule = JSON.readTree("""
                {"all": [
                  {"field": "tags", "op": "hasAny", "values": ["donateur"]},
                  {"not": {"field": "station", "op": "in", "values": ["0001"]}},
                  {"any": [
                    {"field": "postcode", "op": "prefix", "values": ["33"]},
                    {"field": "attributes.age", "op": "between", "min": 18, "max": 35},
                    {"not": {"all": [{"field": "canvass.volunteer", "op": "equals", "value": true},
                                     {"any": [{"field": "mailings.notOpened", "op": "inLast", "value": 2}]}]}}
                  ]}
                ]}""");
        assertThat(throughTheForm(rule)).isEqualTo(rule);
        assertThat(throughTheForm(rule.get("all").get(0))).isEqualTo(rule.get("all").get(0));
    }

    @Test
    void theFormsInputsMakeTheRule() throws Exception {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("r.kind", List.of("all"));
        form.put("r-0.kind", List.of("condition"));
        form.put("r-0.field", List.of("tags"));
        form.put("r-0.op", List.of("hasAll"));
        form.put("r-0.values", List.of(" bénévole ,, quartier-nord "));
        form.put("r-1.kind", List.of("any"));
        form.put("r-1.not", List.of("on"));
        form.put("r-1-0.kind", List.of("condition"));
        form.put("r-1-0.field", List.of("status"));
        form.put("r-1-0.op", List.of("in"));
        form.put("r-1-0.values", List.of("subscribed", "imported"));
        form.put("r-1-1.kind", List.of("condition"));
        form.put("r-1-1.field", List.of("attributes"));
        form.put("r-1-1.attribute", List.of("age"));
        form.put("r-1-1.op", List.of("between"));
        form.put("r-1-1.min", List.of("18"));
        form.put("r-1-1.max", List.of(""));
        form.put("r-2.kind", List.of("condition"));
        form.put("r-2.field", List.of("createdAt"));
        form.put("r-2.op", List.of("withinLastDays"));
        form.put("r-2.value", List.of("30"));
        form.put("r-3.kind", List.of("condition"));
        form.put("r-3.field", List.of("canvass.volunteer"));
        form.put("r-3.op", List.of("equals"));
        form.put("r-3.value", List.of("true"));
        assertThat(RuleForm.json(RuleForm.read(form).orElseThrow())).isEqualTo(JSON.readTree("""
                {"all": [
                  {"field": "tags", "op": "hasAll", "values": ["bénévole", "quartier-nord"]},
                  {"not": {"any": [{"field": "status", "op": "in", "values": ["subscribed", "imported"]},
                                   {"field": "attributes.age", "op": "between", "min": 18}]}},
                  {"field": "createdAt", "op": "withinLastDays", "value": 30},
                  {"field": "canvass.volunteer", "op": "equals", "value": true}
                ]}"""));
    }

    @Test
    void whatIsLeftBlankOrIsNotANumberIsLeftForTheParserToName() throws Exception {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("r.kind", List.of("condition"));
        form.put("r.field", List.of("mailings.notOpened"));
        form.put("r.op", List.of("inLast"));
        form.put("r.value", List.of("deux"));
        assertThat(RuleForm.json(RuleForm.read(form).orElseThrow()))
                .isEqualTo(JSON.readTree("{\"field\": \"mailings.notOpened\", \"op\": \"inLast\", \"value\": \"deux\"}"));
        form.put("r.value", List.of(""));
        assertThat(RuleForm.json(RuleForm.read(form).orElseThrow()))
                .isEqualTo(JSON.readTree("{\"field\": \"mailings.notOpened\", \"op\": \"inLast\"}"));
        assertThat(RuleForm.read(Map.of())).isEmpty();
    }

    @Test
    void aChangedFieldTakesItsOwnFirstOperator() {
        Map<String, List<String>> form = Map.of("r.kind", List.of("condition"), "r.field", List.of("station"), "r.op", List.of("hasAll"));
        assertThat(((Condition) RuleForm.read(form).orElseThrow()).op()).isEqualTo("in");
        assertThat(RuleFields.input("station", "in")).contains(Input.LIST);
    }

    @Test
    void theButtonsAddGroupAndRemoveNodesAndSayWhereTheFocusGoes() {
        Condition tags = new Condition(false, "tags", "hasAny", List.of("a"), "", "", "", "", "");
        RuleEdit wrapped = RuleEdit.apply(tags, "add:r");
        assertThat(wrapped.rule()).isEqualTo(new Group(false, "all", List.of(tags, Condition.blank())));
        assertThat(wrapped.focus()).isEqualTo("r-1");

        RuleEdit grouped = RuleEdit.apply(wrapped.rule(), "group:r");
        assertThat(grouped.focus()).isEqualTo("r-2-0");
        RuleEdit inner = RuleEdit.apply(grouped.rule(), "add:r-2");
        assertThat(inner.focus()).isEqualTo("r-2-1");
        assertThat(((Group) ((Group) inner.rule()).rules().get(2)).rules()).hasSize(2);

        RuleEdit removed = RuleEdit.apply(inner.rule(), "remove:r-1");
        assertThat(((Group) removed.rule()).rules()).hasSize(2).first().isEqualTo(tags);
        assertThat(removed.focus()).isEqualTo("r");
        for (String nonsense : List.of("remove:r", "remove:r-9", "remove:x-1", "add:r-7", "explode:r", "", "remove:r-99999999999")) {
            assertThat(RuleEdit.apply(removed.rule(), nonsense).rule()).as(nonsense).isEqualTo(removed.rule());
        }
    }
}
