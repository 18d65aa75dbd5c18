package dev.lectern.content.document;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a title, a text, a title filter or an uploaded text file may contain: anything but the C0 control characters
 * that are not whitespace (tab, line feed, form feed and carriage return stay). NUL in particular: PostgreSQL cannot
 * store it, and a request carrying one would otherwise fail in the database (a 500) instead of being refused.
 */
final class PlainText {

    private static final String CONTROL_CHARACTERS = "\\x00-\\x08\\x0B\\x0E-\\x1F";

    /** For {@code @Pattern} on request fields. */
    static final String WITHOUT_CONTROL_CHARACTERS = "[^" + CONTROL_CHARACTERS + "]*";

    static final String MESSAGE = "must not contain control characters";

    private static final Pattern CONTROL = Pattern.compile("[" + CONTROL_CHARACTERS + "]");

    private PlainText() {
    }

    static boolean hasControlCharacters(String value) {
        return firstControlCharacter(value) >= 0;
    }

    /** The index of the first control character, or -1. */
    static int firstControlCharacter(String value) {
        if (value == null) {
            return -1;
        }
        Matcher matcher = CONTROL.matcher(value);
        return matcher.find() ? matcher.start() : -1;
    }

    /** The value without its control characters (for names we derive, such as a title from a file name). */
    static String withoutControlCharacters(String value) {
        return CONTROL.matcher(value).replaceAll("");
    }
}
