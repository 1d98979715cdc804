package org.turnout.local.iam;

import java.util.List;
import java.util.Map;

/**
 * One action on one resource that a request needs, with the condition keys it carries (e.g. {@code s3:prefix},
 * {@code iam:PassedToService}). A request may need several: a batch over two tables, a copy, a schedule's PassRole.
 */
public record Access(String action, String resource, Map<String, List<String>> context) {

    public Access {
        context = Map.copyOf(context);
    }

    public static Access of(String action, String resource) {
        return new Access(action, resource, Map.of());
    }
}
