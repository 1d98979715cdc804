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
import org.turnout.contact.ContactBuilder;
import org.turnout.problem.FieldErrors;

/**
 * The templates staff write for a mailing (subject, HTML and text bodies), in Qute: merge fields
 * such as {@code {first_name ?: "ami"}} or {@code {attributes.quartier}}, with fallbacks by the
 * {@code ?:} operator. Checked when saved: a syntax error or a field no contact has is refused with
 * its line and column, and so is a template that does not render for a contact with every field
 * set or with none (a field of a field, such as {@code {organisation.foo}}, only fails there).
 * Values are HTML-escaped in the HTML body, left as they are in text.
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

    /** The contacts a template must render for when saved: one with every merge field set, one with none. */
    private static final List<Map<String, Object>> SAMPLES = List.of(sampleFields(true), sampleFields(false));

    private final Template template;
    private final String field;

    private MergeTemplate(Template template, String field) {
        this.template = template;
        this.field = field;
    }

    /**
     * The template as it is saved, or the errors that refuse it, each named by {@code field} with
     * line and column: its syntax, its fields, and its rendering for the sample contacts.
     */
    public static MergeTemplate parse(String source, Kind kind, String field, FieldErrors errors) {
        MergeTemplate checked = compile(source, kind, field, errors);
        if (checked == null) {
            return null;
        }
        for (Map<String, Object> sample : SAMPLES) {
            try {
                checked.render(sample);
            } catch (TemplateRenderException e) {
                errors.add(field, e.errors().get(0).message());
                return null;
            }
        }
        return checked;
    }

    /** Syntax and fields only: what a saved template is read with at send time, where rendering is checked per contact. */
    private static MergeTemplate compile(String source, Kind kind, String field, FieldErrors errors) {
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
        return errors.size() == before ? new MergeTemplate(template, field) : null;
    }

    /** The template, known to be valid (it was checked when saved). */
    public static MergeTemplate of(String source, Kind kind, String field) {
        FieldErrors errors = new FieldErrors();
        MergeTemplate template = compile(source, kind, field, errors);
        if (template == null) {
            errors.throwIfAny();
        }
        return template;
    }

    /** @throws TemplateRenderException if these fields do not render, naming the template's field and where */
    public String render(Map<String, Object> fields) {
        try {
            return template.data(fields).render();
        } catch (TemplateException e) {
            throw new TemplateRenderException(field, at(e.getOrigin()) + withoutTemplateName(firstLine(e.getMessage())));
        } catch (RuntimeException e) {
            // not its message: it may quote a contact's value, and the reason is logged and stored
            throw new TemplateRenderException(field, "cannot be rendered (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The merge fields of one contact; absent values are empty, so that {@code ?:} falls back on them. */
    public static Map<String, Object> fieldsOf(Contact contact, String organisationName, String unsubscribeUrl) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("first_name", contact.firstName());
        fields.put("last_name", contact.lastName());
        fields.put("email", contact.email());
        fields.put("polling_station", contact.station());
        fields.put("street", contact.street());
        fields.put("postcode", contact.postcode());
        fields.put("city", contact.city());
        fields.put("phone", contact.phone());
        fields.put("tags", contact.tags() == null ? List.of() : contact.tags());
        fields.put("attributes", new AnyKey(contact.attributes() == null ? Map.of() : contact.attributes()));
        fields.put("organisation", organisationName);
        fields.put("unsubscribe_url", unsubscribeUrl);
        return fields;
    }

    private static Map<String, Object> sampleFields(boolean full) {
        Contact contact = !full ? ContactBuilder.builder().build() : ContactBuilder.builder()
                .firstName("Camille")
                .lastName("Martin")
                .email("camille.martin@example.org")
                .station("0007")
                .street("rue de la Paix")
                .postcode("75011")
                .city("Paris")
                .phone("+33600000000")
                .tags(List.of("benevole"))
                .build();
        Map<String, Object> fields = fieldsOf(contact, full ? "Campagne" : null, full ? "https://example.org/v1/unsubscribe/x" : null);
        fields.put("attributes", new AnyKey(Map.of(), full ? "valeur" : null));
        return fields;
    }

    private static String at(TemplateNode.Origin origin) {
        return origin == null ? "" : "line " + origin.getLine() + ", column " + origin.getLineCharacterStart() + ": ";
    }

    /** Qute starts its rendering errors with the template's name, which the field already says. */
    private static String withoutTemplateName(String message) {
        int end = message.startsWith("Rendering error in template [") ? message.indexOf("]: ") : -1;
        return end < 0 ? message : message.substring(end + 3);
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
        private final String absent;

        AnyKey(Map<String, String> values) {
            this(values, null);
        }

        /** @param absent what an attribute the contact lacks holds: null, or a sample value when checking a template */
        AnyKey(Map<String, String> values, String absent) {
            this.values = values;
            this.absent = absent;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            return values.getOrDefault(key, absent);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.copyOf(new LinkedHashMap<String, Object>(values).entrySet());
        }
    }
}
