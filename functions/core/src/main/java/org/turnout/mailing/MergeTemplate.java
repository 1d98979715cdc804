package org.turnout.mailing;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.turnout.contact.Contact;
import org.turnout.problem.FieldErrors;

/**
 * The templates staff write for a mailing (subject, HTML and text bodies), in Qute: merge fields
 * such as {@code {first_name ?: "ami"}} or {@code {attributes.quartier}}, with fallbacks by the
 * {@code ?:} operator. Checked when saved: a syntax error or a field no contact has is refused with
 * its line and column. Values are HTML-escaped in the HTML body, left as they are in text.
 */
public final class MergeTemplate {
    /** The merge fields every contact has (possibly empty), and what else a mailing provides. */
    public static final Set<String> FIELDS = Set.of("first_name", "last_name", "email", "polling_station", "street",
            "postcode", "city", "phone", "tags", "attributes", "organisation", "unsubscribe_url");

    public enum Kind {
        HTML(Variant.TEXT_HTML), TEXT("text/plain");

        private final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }
    }

    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .build();

    private final Template template;

    private MergeTemplate(Template template) {
        this.template = template;
    }

    /** The template, or the errors that refuse it, each named by {@code field} with line and column. */
    public static MergeTemplate parse(String source, Kind kind, String field, FieldErrors errors) {
        Template template;
        try {
            template = ENGINE.parse(source, new Variant(Locale.ROOT, java.nio.charset.StandardCharsets.UTF_8, kind.contentType), field);
        } catch (TemplateException e) {
            errors.add(field, (at(e.getOrigin()) + firstLine(e.getMessage())));
            return null;
        }
        int before = errors.size();
        for (Expression expression : template.getExpressions()) {
            if (expression.isLiteral()) {
                continue;
            }
            if (expression.hasNamespace()) {
                errors.add(field, (at(expression.getOrigin()) + "{" + expression.toOriginalString() + "} is not a merge field"));
                continue;
            }
            String root = expression.getParts().get(0).getName();
            if (!FIELDS.contains(root)) {
                errors.add(field, (at(expression.getOrigin()) + "unknown field '" + root
                        + "'; the fields are " + String.join(", ", FIELDS.stream().sorted().toList())
                        + " (custom columns as attributes.<name>)"));
            }
        }
        return errors.size() == before ? new MergeTemplate(template) : null;
    }

    /** The template, known to be valid (it was checked when saved). */
    public static MergeTemplate of(String source, Kind kind, String field) {
        FieldErrors errors = new FieldErrors();
        MergeTemplate template = parse(source, kind, field, errors);
        if (template == null) {
            errors.throwIfAny();
        }
        return template;
    }

    public String render(Map<String, Object> fields) {
        return template.data(fields).render();
    }

    /** The merge fields of one contact; absent values are empty, so that {@code ?:} falls back on them. */
    public static Map<String, Object> fieldsOf(Contact contact, String organisationName, String unsubscribeUrl) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("first_name", contact.getFirstName());
        fields.put("last_name", contact.getLastName());
        fields.put("email", contact.getEmail());
        fields.put("polling_station", contact.getStation());
        fields.put("street", contact.getStreet());
        fields.put("postcode", contact.getPostcode());
        fields.put("city", contact.getCity());
        fields.put("phone", contact.getPhone());
        fields.put("tags", contact.getTags() == null ? List.of() : contact.getTags());
        fields.put("attributes", new AnyKey(contact.getAttributes() == null ? Map.of() : contact.getAttributes()));
        fields.put("organisation", organisationName);
        fields.put("unsubscribe_url", unsubscribeUrl);
        return fields;
    }

    private static String at(TemplateNode.Origin origin) {
        return origin == null ? "" : "line " + origin.getLine() + ", column " + origin.getLineCharacterStart() + ": ";
    }

    private static String firstLine(String message) {
        String text = Optional.ofNullable(message).orElse("syntax error");
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /**
     * Custom attributes differ from contact to contact: one a contact lacks is empty, not an
     * error, so that {@code {attributes.quartier ?: "..."}} falls back.
     */
    private static final class AnyKey extends AbstractMap<String, Object> {
        private final Map<String, String> values;

        AnyKey(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            return values.get(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.copyOf(new LinkedHashMap<String, Object>(values).entrySet());
        }
    }
}
