package org.turnout.security;

/** Outside input goes into a log line only through here: quoted, control characters escaped, length capped. */
public final class LogSafe {
    private static final int MAX = 200;

    private LogSafe() {
    }

    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(MAX).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.length() > MAX ? "...\"" : "\"").toString();
    }
}
