package dev.lectern.content.document;

import java.util.regex.Pattern;

/**
 * What a title, a text or a title filter may contain: anything but the C0 control characters that are not whitespace
 * (tab, line feed, form feed and carriage return stay). NUL in particular: PostgreSQL cannot store it, and a request
 * carrying one would otherwise fail in the database (a 500) instead of being refused. Uploaded files follow the same
 * rule ({@link ContentSniffer}).
 */
final class PlainText {

    /** For {@code @Pattern} on request fields. */
    static final String WITHOUT_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0E-\\x1F]*";

    static final String MESSAGE = "must not contain control characters";

    private static final Pattern ALLOWED = Pattern.compile(WITHOUT_CONTROL_CHARACTERS);

    private PlainText() {
    }

    static boolean hasControlCharacters(String value) {
        return value != null && !ALLOWED.matcher(value).matches();
    }
}
