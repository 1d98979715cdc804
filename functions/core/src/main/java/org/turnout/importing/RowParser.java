package org.turnout.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.turnout.contact.EmailAddress;
import org.turnout.organisation.OrganisationService;

/** Turns one record of a contact file into a checked row, or says exactly why it cannot be one. */
public final class RowParser {
    public static final int MAX_ROW_CHARS = 64 * 1024;
    static final int MAX_ATTRIBUTE_VALUE = 500;
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[,|]");

    private final ColumnLayout layout;

    public RowParser(ColumnLayout layout) {
        this.layout = layout;
    }

    public ParsedRow parse(long line, List<String> values) {
        if (layout.isHeader(values)) {
            return new ParsedRow.RepeatedHeader();
        }
        if (values.stream().mapToInt(v -> v == null ? 0 : v.length()).sum() > MAX_ROW_CHARS) {
            return new ParsedRow.Rejected(line, "row over 64 KiB", List.of());
        }
        String rawEmail = value(values, ContactField.EMAIL).orElse(null);
        if (rawEmail == null) {
            return new ParsedRow.Rejected(line, "missing email", values);
        }
        Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
        if (email.isEmpty()) {
            return new ParsedRow.Rejected(line, "invalid email", values);
        }
        for (ContactField field : ContactField.values()) {
            Optional<String> value = value(values, field);
            if (value.isPresent() && value.get().length() > field.maxLength()) {
                return new ParsedRow.Rejected(line, "field too long: " + field.key() + " (at most " + field.maxLength() + " characters)", values);
            }
        }
        List<String> tags = new ArrayList<>();
        for (String tag : value(values, ContactField.TAGS).map(TAG_SEPARATORS::split).orElse(new String[0])) {
            String trimmed = tag.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!OrganisationService.TAG.matcher(trimmed).matches()) {
                return new ParsedRow.Rejected(line, "invalid tag: " + trimmed + " (letters, digits, '_', '.', '-')", values);
            }
            tags.add(trimmed);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> column : layout.attributeColumns().entrySet()) {
            String value = column.getKey() < values.size() ? clean(values.get(column.getKey()), true) : null;
            if (value != null) {
                if (value.length() > MAX_ATTRIBUTE_VALUE) {
                    return new ParsedRow.Rejected(line, "field too long: " + column.getValue() + " (at most " + MAX_ATTRIBUTE_VALUE + " characters)", values);
                }
                attributes.put(column.getValue(), value);
            }
        }
        return new ParsedRow.Valid(new ImportRow(line, email.get(),
                value(values, ContactField.FIRST_NAME).orElse(null),
                value(values, ContactField.LAST_NAME).orElse(null),
                value(values, ContactField.STREET).orElse(null),
                value(values, ContactField.POSTCODE).orElse(null),
                value(values, ContactField.CITY).orElse(null),
                value(values, ContactField.STATION).orElse(null),
                List.copyOf(new LinkedHashSet<>(tags)),
                value(values, ContactField.PHONE).orElse(null),
                attributes));
    }

    private Optional<String> value(List<String> values, ContactField field) {
        return layout.column(field)
                .filter(i -> i < values.size())
                .map(i -> clean(values.get(i), field == ContactField.STREET));
    }

    /** Trims; only an address keeps its line breaks (a building on a second line), as plain \n. */
    private static String clean(String value, boolean multiline) {
        if (value == null) {
            return null;
        }
        String cleaned = value.replace("\r\n", "\n").replace('\r', '\n');
        cleaned = (multiline ? cleaned : cleaned.replace('\n', ' ')).strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
