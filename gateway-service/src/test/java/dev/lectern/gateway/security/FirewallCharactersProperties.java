package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * {@link FirewallCharacters} answers exactly as Spring Security's {@code StrictServerWebExchangeFirewall} does with its
 * own default predicates (read from the class, so an upgrade that changes its rules fails here) for any text: any
 * code point of the whole range, lone surrogates, unassigned and control characters, tabs, mixed with printable ASCII
 * as in real headers.
 */
class FirewallCharactersProperties {

    private static final Predicate<String> NAMES = springSecurityDefault("ALLOWED_HEADER_NAMES");
    private static final Predicate<String> VALUES = springSecurityDefault("ALLOWED_HEADER_VALUES");

    @Property(tries = 5000)
    void headerNamesAsTheFirewallsOwnRule(@ForAll("headerText") String text) {
        assertThat(FirewallCharacters.assignedAndNotControl(text)).isEqualTo(NAMES.test(text));
    }

    @Property(tries = 5000)
    void headerValuesAsTheFirewallsOwnRule(@ForAll("headerText") String text) {
        assertThat(FirewallCharacters.assignedAndNotControlOrTab(text)).isEqualTo(VALUES.test(text));
    }

    @SuppressWarnings("unchecked")
    private static Predicate<String> springSecurityDefault(String field) {
        try {
            Field predicate = StrictServerWebExchangeFirewall.class.getDeclaredField(field);
            predicate.setAccessible(true);
            return (Predicate<String>) predicate.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Spring Security's firewall no longer has " + field
                    + ": compare FirewallCharacters with its rules again", e);
        }
    }

    @Example
    void decidesTheCharactersThatMatter() {
        assertThat(FirewallCharacters.assignedAndNotControl("Authorization")).isTrue();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("Bearer eyJ.a-b_c~")).isTrue();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("caf\u00e9 \uD83D\uDE00")).isTrue();
        assertThat(FirewallCharacters.assignedAndNotControl("a\tb")).isFalse();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\tb")).isTrue();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\u0085b")).isFalse();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\u007fb")).isFalse();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab("a\u0378b")).isFalse();
        assertThat(FirewallCharacters.assignedAndNotControlOrTab(null)).isTrue();
    }

    @Provide
    Arbitrary<String> headerText() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6);
        Arbitrary<String> control = Arbitraries.chars().with('\t', '\n', '\r', '\u0000', '\u007f', '\u0085', '\u009f')
                .map(String::valueOf);
        Arbitrary<String> anyCodePoint = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .map(Character::toString);
        Arbitrary<String> unassigned = Arbitraries.of(0x0378, 0x0530, 0x2FFFF, 0xE0080, 0x10FFFF)
                .map(Character::toString);
        Arbitrary<String> loneSurrogate = Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf);
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(6, ascii), Tuple.of(2, control),
                Tuple.of(3, anyCodePoint), Tuple.of(1, unassigned),
                Tuple.of(1, loneSurrogate));
        return piece.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }
}
