package org.turnout.contact.browse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.turnout.problem.InvalidInputException;
import org.turnout.store.Keys;

/**
 * Where a search reads on: the shard, the last contact id handed out in it (null: from the shard's start), and
 * how many matched before, for the total shown on the last page. Written as {@code shard.after.seen}; it only
 * chooses where the shard's query starts, and every query's key names the organisation, so a cursor changed by
 * hand can skip contacts but never show another organisation's.
 */
public record SearchCursor(int shard, String after, long seen) {
    public static final SearchCursor START = new SearchCursor(0, null, 0);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2})\\.([0-9a-f]{1,64})?\\.(\\d{1,9})");

    /** The cursor a page's link carries; blank: the first page. A value this search never wrote is refused, naming {@code cursor}. */
    public static SearchCursor parse(String value) {
        if (value == null || value.isBlank()) {
            return START;
        }
        Matcher parts = FORMAT.matcher(value);
        if (!parts.matches() || Integer.parseInt(parts.group(1)) >= Keys.CONTACT_SHARDS) {
            throw InvalidInputException.of("cursor", "is not a cursor of this search");
        }
        return new SearchCursor(Integer.parseInt(parts.group(1)), parts.group(2), Long.parseLong(parts.group(3)));
    }

    @Override
    public String toString() {
        return shard + "." + (after == null ? "" : after) + "." + seen;
    }
}
