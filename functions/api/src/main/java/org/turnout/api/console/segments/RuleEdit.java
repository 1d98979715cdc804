package org.turnout.api.console.segments;

import java.util.ArrayList;
import java.util.List;
import org.turnout.api.console.segments.RuleNode.Condition;
import org.turnout.api.console.segments.RuleNode.Group;

/**
 * A change of the rule's shape the builder asks for with a button ({@code add:<id>}, {@code group:<id>},
 * {@code remove:<id>}), made on the server so that it needs no script and no dragging, and where the keyboard's
 * focus goes next.
 *
 * @param focus the id of the node whose first input takes the focus, or of the group whose buttons do
 */
public record RuleEdit(RuleNode rule, String focus) {

    /** The rule after the action; an action that names no node of the rule changes nothing. */
    public static RuleEdit apply(RuleNode rule, String action) {
        int colon = action == null ? -1 : action.indexOf(':');
        if (colon < 0) {
            return new RuleEdit(rule, null);
        }
        String verb = action.substring(0, colon);
        String target = action.substring(colon + 1);
        return switch (verb) {
            case "add" -> add(rule, target, Condition.blank());
            case "group" -> add(rule, target, new Group(false, Group.ANY, List.of(Condition.blank())));
            case "remove" -> remove(rule, target);
            default -> new RuleEdit(rule, null);
        };
    }

    private static RuleEdit add(RuleNode rule, String target, RuleNode added) {
        RuleNode node = find(rule, RuleForm.ROOT, target);
        if (node == null) {
            return new RuleEdit(rule, null);
        }
        if (node instanceof Group group) {
            List<RuleNode> rules = new ArrayList<>(group.rules());
            rules.add(added);
            String id = RuleForm.child(target, rules.size() - 1);
            // a new group's own first condition takes the focus: that is what is to fill in
            return new RuleEdit(replace(rule, RuleForm.ROOT, target, group.withRules(rules)),
                    added instanceof Group ? RuleForm.child(id, 0) : id);
        }
        // a rule of one condition becomes a group of two
        return new RuleEdit(replace(rule, RuleForm.ROOT, target, new Group(false, Group.ALL, List.of(node, added))),
                RuleForm.child(target, 1));
    }

    private static RuleEdit remove(RuleNode rule, String target) {
        int dash = target.lastIndexOf('-');
        if (dash < 0 || !target.matches("r(-\\d{1,3})+") || !(find(rule, RuleForm.ROOT, target.substring(0, dash)) instanceof Group parent)) {
            return new RuleEdit(rule, null);
        }
        String parentId = target.substring(0, dash);
        int index = Integer.parseInt(target.substring(dash + 1));
        if (index >= parent.rules().size()) {
            return new RuleEdit(rule, null);
        }
        List<RuleNode> rules = new ArrayList<>(parent.rules());
        rules.remove(index);
        return new RuleEdit(replace(rule, RuleForm.ROOT, parentId, parent.withRules(rules)), parentId);
    }

    private static RuleNode find(RuleNode node, String id, String target) {
        if (id.equals(target)) {
            return node;
        }
        if (node instanceof Group group && target.startsWith(id + "-")) {
            for (int i = 0; i < group.rules().size(); i++) {
                RuleNode found = find(group.rules().get(i), RuleForm.child(id, i), target);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static RuleNode replace(RuleNode node, String id, String target, RuleNode replacement) {
        if (id.equals(target)) {
            return replacement;
        }
        if (!(node instanceof Group group)) {
            return node;
        }
        List<RuleNode> rules = new ArrayList<>();
        for (int i = 0; i < group.rules().size(); i++) {
            rules.add(replace(group.rules().get(i), RuleForm.child(id, i), target, replacement));
        }
        return group.withRules(rules);
    }
}
