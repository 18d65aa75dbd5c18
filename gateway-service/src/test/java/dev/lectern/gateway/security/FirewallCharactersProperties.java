package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link FirewallCharacters} answers exactly as the regular expressions of Spring Security's
 * {@code StrictServerWebExchangeFirewall} (copied here as the oracle) for any text: any code point of the whole range,
 * lone surrogates, unassigned and control characters, tabs, mixed with printable ASCII as in real headers.
 */
class FirewallCharactersProperties {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Property(tries = 5000)
    void headerNamesAsTheFirewallsExpression(@ForAll("headerText") String text) {
        assertThat(FirewallCharacters.assignedAndNotControl(text)).isEqualTo(NAME.matcher(text).matches());
    }

    @Property(tries = 5000)
    void headerValuesAsTheFirewallsExpression(@ForAll("headerText") String text) {
        assertThat(FirewallCharacters.assignedAndNotControlOrTab(text)).isEqualTo(VALUE.matcher(text).matches());
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
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, ascii), net.jqwik.api.Tuple.of(2, control),
                net.jqwik.api.Tuple.of(3, anyCodePoint), net.jqwik.api.Tuple.of(1, unassigned));
        return piece.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }
}
