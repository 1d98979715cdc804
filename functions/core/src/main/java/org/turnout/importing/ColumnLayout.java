package org.turnout.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which column of a file holds which field: from the header row, the known aliases, and the
 * import's own mapping, which wins. Columns that name no field are kept as custom attributes.
 */
public final class ColumnLayout {
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_ATTRIBUTE_NAME = 50;

    private final List<String> headers;
    private final Map<ContactField, List<Integer>> fields;
    private final Map<Integer, String> attributes;

    private ColumnLayout(List<String> headers, Map<ContactField, List<Integer>> fields, Map<Integer, String> attributes) {
        this.headers = headers;
        this.fields = fields;
        this.attributes = attributes;
    }

    /**
     * @throws ImportFailedException when no column holds the email address, or the mapping names an unknown field
     */
    public static ColumnLayout of(List<String> headerRow, ImportOptions options) {
        List<String> headers = headerRow.stream().map(h -> h == null ? "" : h.strip()).toList();
        Map<ContactField, List<Integer>> fields = new EnumMap<>(ContactField.class);
        Map<Integer, String> attributes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            if (isIgnored(header, options)) {
                continue;
            }
            Optional<ContactField> field = field(header, options);
            if (field.isPresent()) {
                // exports hold several columns of one field (Outlook's Home Phone and Mobile Phone; groups and interests)
                fields.computeIfAbsent(field.get(), f -> new ArrayList<>()).add(i);
            } else if (!header.isEmpty() && attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(i, header.length() > MAX_ATTRIBUTE_NAME ? header.substring(0, MAX_ATTRIBUTE_NAME) : header);
            }
        }
        if (!fields.containsKey(ContactField.EMAIL)) {
            throw new ImportFailedException("no email column: name one Courriel, E-mail, Email or Email address, "
                    + "or map one to 'email' (header was: " + String.join(" | ", headers) + ")");
        }
        fields.replaceAll((f, columns) -> List.copyOf(columns));
        return new ColumnLayout(headers, fields, attributes);
    }

    /** Whether the mapping says to leave this column out. */
    public static boolean isIgnored(String header, ImportOptions options) {
        return ImportOptions.IGNORE.equals(options.columns().get(header));
    }

    /**
     * The field a column of this header holds: the mapping's, else the one whose alias the header is; empty for a
     * column kept as a custom attribute (or ignored).
     *
     * @throws ImportFailedException when the mapping names an unknown field
     */
    public static Optional<ContactField> field(String header, ImportOptions options) {
        String mapped = options.columns().get(header);
        if (ImportOptions.IGNORE.equals(mapped)) {
            return Optional.empty();
        }
        if (mapped == null) {
            return ContactField.ofHeader(header);
        }
        Optional<ContactField> field = ContactField.ofKey(mapped);
        if (field.isEmpty()) {
            throw new ImportFailedException("the mapping gives column '" + header + "' the unknown field '" + mapped
                    + "' (known: " + knownKeys() + ", or ignore)");
        }
        return field;
    }

    public List<String> headers() {
        return headers;
    }

    /** The field's first column. */
    public Optional<Integer> column(ContactField field) {
        return columns(field).stream().findFirst();
    }

    /**
     * Every column of the field, in file order: a row takes the first of them that is filled, and
     * the tags of all of them.
     */
    public List<Integer> columns(ContactField field) {
        return fields.getOrDefault(field, List.of());
    }

    public Map<Integer, String> attributeColumns() {
        return attributes;
    }

    /** A row that repeats the header (files glued together) is not data. */
    public boolean isHeader(List<String> values) {
        if (values.size() != headers.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!headers.get(i).equalsIgnoreCase(values.get(i) == null ? "" : values.get(i).strip())) {
                return false;
            }
        }
        return true;
    }

    private static String knownKeys() {
        List<String> keys = new ArrayList<>();
        for (ContactField f : ContactField.values()) {
            keys.add(f.key());
        }
        return String.join(", ", keys);
    }
}
