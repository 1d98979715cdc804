package org.turnout.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.turnout.contact.EmailAddress;
import org.turnout.contact.Tags;

/** Turns one record of a contact file into a checked row, or says exactly why it cannot be one. */
public record RowParser(ColumnLayout layout) {
    public static final int MAX_ROW_CHARS = 64 * 1024;
    static final int MAX_ATTRIBUTE_VALUE = 500;

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
            boolean warnedInstead = field == ContactField.TAGS || field == ContactField.PHONE; // see tags() and phone()
            if (!warnedInstead && value.isPresent() && value.get().length() > field.maxLength()) {
                return new ParsedRow.Rejected(line, "field too long: " + field.key() + " (at most " + field.maxLength() + " characters)", values);
            }
        }
        List<ImportWarning> warnings = new ArrayList<>();
        List<String> tags = tags(line, values, warnings);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> column : layout.attributeColumns().entrySet()) {
            String value = column.getKey() < values.size() ? clean(values.get(column.getKey()), true) : null;
            if (value != null && value.length() > MAX_ATTRIBUTE_VALUE) {
                warnings.add(new ImportWarning(line, column.getValue(), value, "over " + MAX_ATTRIBUTE_VALUE + " characters: not kept"));
            } else if (value != null) {
                attributes.put(column.getValue(), value);
            }
        }
        String firstName = value(values, ContactField.FIRST_NAME).orElse(null);
        String lastName = value(values, ContactField.LAST_NAME).orElse(null);
        String fullName = value(values, ContactField.FULL_NAME).orElse(null);
        if (firstName == null && lastName == null && fullName != null) {
            // given names first, as the tools that keep one name cell write it; the rest is the family name
            String[] parts = fullName.split("\\s+", 2);
            firstName = parts[0].length() > ContactField.FIRST_NAME.maxLength() ? null : parts[0];
            lastName = parts.length > 1 && parts[1].length() <= ContactField.LAST_NAME.maxLength() ? parts[1] : null;
        }
        boolean optedOut = OptOutCell.optedOut(value(values, ContactField.EMAIL_STATUS).orElse(null),
                value(values, ContactField.EMAIL_OPT_IN).orElse(null), value(values, ContactField.EMAIL_OPT_OUT).orElse(null));
        return new ParsedRow.Valid(new ImportRow(line, email.get(),
                firstName,
                lastName,
                value(values, ContactField.STREET).orElse(null),
                value(values, ContactField.POSTCODE).orElse(null),
                value(values, ContactField.CITY).orElse(null),
                value(values, ContactField.STATION).orElse(null),
                tags,
                phone(line, values, warnings),
                attributes,
                optedOut), warnings, values);
    }

    /**
     * The first phone column whose number is valid, in E.164. A number that is not is left out with
     * a warning (the report keeps it as given): the contact's phone is always one that can be dialled.
     */
    private String phone(long line, List<String> values, List<ImportWarning> warnings) {
        for (int column : layout.columns(ContactField.PHONE)) {
            String value = column < values.size() ? clean(values.get(column), false) : null;
            if (value == null) {
                continue;
            }
            Optional<String> e164 = PhoneCell.e164(value);
            if (e164.isPresent()) {
                return e164.get();
            }
            warnings.add(new ImportWarning(line, layout.headers().get(column), value, "not a valid phone number: not kept"));
        }
        return null;
    }

    /** A tag that cannot be one is dropped with a warning: it never costs the person their row. */
    private List<String> tags(long line, List<String> values, List<ImportWarning> warnings) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (int column : layout.columns(ContactField.TAGS)) {
            String cell = column < values.size() ? values.get(column) : null;
            String header = layout.headers().get(column);
            if (cell != null && cell.length() > ContactField.TAGS.maxLength()) {
                warnings.add(new ImportWarning(line, header, cell, "cell over " + ContactField.TAGS.maxLength() + " characters: none of its tags kept"));
                continue;
            }
            for (String value : TagCell.split(cell)) {
                String tag = Tags.normalise(value);
                String problem = TagCell.problem(tag);
                if (problem == null) {
                    tags.add(tag);
                } else {
                    warnings.add(new ImportWarning(line, header, value, problem));
                }
            }
        }
        return List.copyOf(tags);
    }

    /** The first filled column of the field. */
    private Optional<String> value(List<String> values, ContactField field) {
        return layout.columns(field).stream()
                .filter(i -> i < values.size())
                .map(i -> clean(values.get(i), field == ContactField.STREET))
                .filter(Objects::nonNull)
                .findFirst();
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
