package com.shopkeeper.llm;

/**
 * Something a model wrote (a tool name it invented, a finish reason), as it may appear in a log
 * line or an error message: control characters and line or paragraph separators written as
 * escapes ({@code \n}, {@code \u2028}), at most {@code max} characters. A model's output is
 * outside input: a new line in an invented tool name would otherwise start a log line of the
 * model's making. Escaping adds no control character and the bound includes the ellipsis, so
 * text that has been through here once comes through again unchanged.
 *
 * <p>Log it as the value: {@code log.info("... {}", ModelText.of(name))}.
 */
public record ModelText(String raw, int max) {

    /** Enough to recognise a name; more is noise in a log line. */
    public static final int DEFAULT_MAX = 80;

    public ModelText {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2");
        }
    }

    public static ModelText of(String raw) {
        return new ModelText(raw, DEFAULT_MAX);
    }

    @Override
    public String toString() {
        if (raw == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), max) + 8);
        for (int i = 0; i < raw.length() && out.length() <= max; ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int end = max - 1;
        if (Character.isLowSurrogate(out.charAt(end)) && Character.isHighSurrogate(out.charAt(end - 1))) {
            end--; // never half a character
        }
        return out.substring(0, end) + "…";
    }
}
