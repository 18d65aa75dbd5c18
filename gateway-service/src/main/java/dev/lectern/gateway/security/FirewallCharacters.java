package dev.lectern.gateway.security;

/**
 * The characters Spring Security's {@code StrictServerWebExchangeFirewall} accepts in header names, header values
 * and parameter names — assigned Unicode code points that are not control characters, and in header values also the
 * tab — tested one code point at a time. The firewall's own predicates are the regular expressions
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, which it runs
 * on a header's name and values each time that header is read: about 4 % of the gateway's CPU at saturation
 * (docs/performance.md, "Gateway"). Same answers for every string ({@code FirewallCharactersProperties}).
 */
final class FirewallCharacters {

    private FirewallCharacters() {
    }

    /** Header and parameter names; {@code null} is allowed, as by the firewall's own predicate. */
    static boolean assignedAndNotControl(String text) {
        return allowed(text, false);
    }

    /** Header values: the same, and the tab. */
    static boolean assignedAndNotControlOrTab(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        if (text == null) {
            return true;
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                // Printable ASCII, nearly every character of a real header: assigned and not a control.
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
