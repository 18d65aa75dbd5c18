package dev.lectern.content.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lectern.content.study.StudyMaterial.Card;
import dev.lectern.content.study.StudyMaterial.CardKind;
import dev.lectern.content.study.StudyMaterial.Question;
import dev.lectern.content.study.StudyMaterial.QuestionKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator on the shared samples. The Markdown sample is given as the document text the service derives from it
 * (sections without the heading lines), the plain text as it is.
 */
class RuleBasedGeneratorTests {

    private final RuleBasedGenerator generator = new RuleBasedGenerator();

    @Test
    void findsTheCardsTheSamplesReadmeNames() {
        assertThat(generator.generate(photosynthesis()).flashcards())
                .extracting(Card::kind, Card::front, Card::back)
                .contains(tuple(CardKind.DEFINITION, "chloroplast",
                                "an organelle found in plant cells that carries out photosynthesis"),
                        tuple(CardKind.DEFINITION, "Calvin cycle",
                                "the set of light-independent reactions that takes place in the stroma"));
        assertThat(generator.generate(sample("tcp-handshake.txt")).flashcards())
                .extracting(Card::kind, Card::front, Card::back)
                .contains(tuple(CardKind.DEFINITION, "flow control",
                        "the mechanism that stops a fast sender from overwhelming a slow receiver"));
    }

    @Test
    void findsCalledDefinitionsTheOtherWayRound() {
        assertThat(generator.generate(photosynthesis()).flashcards())
                .extracting(Card::front, Card::back)
                .contains(tuple("stroma", "The fluid that surrounds the thylakoids"),
                        tuple("RuBisCO", "The enzyme that captures carbon dioxide in the Calvin cycle"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"photosynthesis.md", "tcp-handshake.txt"})
    void everyAnswerIsASpanOfTheSourceAndNoCardRepeats(String name) {
        String text = name.endsWith(".md") ? photosynthesis() : sample(name);
        StudyMaterial material = generator.generate(text);

        assertThat(material.flashcards()).hasSizeGreaterThanOrEqualTo(8);
        for (Card card : material.flashcards()) {
            String source = text.substring(card.source().start(), card.source().end());
            assertThat(source).as("source of %s", card).contains(card.back());
            if (card.kind() == CardKind.DEFINITION) {
                assertThat(source).isEqualTo(card.back());
            } else {
                assertThat(card.front()).contains(RuleBasedGenerator.BLANK)
                        .isEqualTo(source.replaceFirst(java.util.regex.Pattern.quote(card.back()),
                                RuleBasedGenerator.BLANK));
            }
        }
        Set<String> fronts = material.flashcards().stream().map(c -> c.front().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertThat(fronts).hasSameSizeAs(material.flashcards());
        Set<String> pairs = new HashSet<>();
        material.flashcards().forEach(c -> assertThat(pairs.add(c.front() + "→" + c.back())).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"photosynthesis.md", "tcp-handshake.txt"})
    void cardsAreGrammatical(String name) {
        String text = name.endsWith(".md") ? photosynthesis() : sample(name);
        for (Card card : generator.generate(text).flashcards()) {
            assertThat(card.front()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
            assertThat(card.back()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ")
                    .doesNotEndWith(",").doesNotEndWith(".");
            if (card.kind() == CardKind.DEFINITION) {
                // a noun phrase: starts with a determiner, ends with a word; the front is a term, not a clause
                assertThat(card.back()).matches("^(a|an|the|any|one|A|An|The) .*\\w\\)?$");
                assertThat(card.front().split(" ")).hasSizeLessThanOrEqualTo(5);
                assertThat(card.front()).doesNotMatch("(?i)^(it|this|they|each|the|a|an) .*");
            } else {
                assertThat(card.front()).matches("^[A-Z_].*[.!?]$");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"photosynthesis.md", "tcp-handshake.txt"})
    void distractorsComeFromTheSameDocumentAndAreNeverTheAnswer(String name) {
        String text = name.endsWith(".md") ? photosynthesis() : sample(name);
        StudyMaterial material = generator.generate(text);
        Set<String> definitions = material.definitions().stream().map(StudyMaterial.Definition::definition)
                .collect(Collectors.toSet());
        List<Question> choices = material.questions().stream()
                .filter(q -> q.kind() == QuestionKind.MULTIPLE_CHOICE).toList();
        assertThat(choices).hasSize(material.definitions().size());
        for (Question q : choices) {
            assertThat(q.options()).hasSize(4).doesNotHaveDuplicates();
            String answer = q.options().get(q.answerIndex());
            assertThat(text.substring(q.source().start(), q.source().end())).isEqualTo(answer);
            for (int i = 0; i < 4; i++) {
                assertThat(text).contains(q.options().get(i));
                assertThat(definitions).contains(q.options().get(i));
                if (i != q.answerIndex()) {
                    assertThat(q.options().get(i)).isNotEqualToIgnoringCase(answer);
                }
            }
        }
        List<Question> trueFalse = material.questions().stream().filter(q -> q.kind() == QuestionKind.TRUE_FALSE)
                .toList();
        assertThat(trueFalse).isNotEmpty().allSatisfy(q -> {
            assertThat(q.options()).containsExactly("True", "False");
            assertThat(q.prompt()).startsWith("True or false: \"").endsWith(".");
        });
        assertThat(trueFalse).extracting(Question::answerIndex).contains(0, 1);
    }

    @Test
    void theSameTextAlwaysGivesTheSameMaterial() {
        String text = sample("tcp-handshake.txt");
        assertThat(new RuleBasedGenerator().generate(text)).isEqualTo(generator.generate(text));
    }

    @Test
    void aTextWithoutDefinitionsGivesNoInventedCards() {
        StudyMaterial material = generator.generate("We went to the beach. It rained all day, so we went home.");
        assertThat(material.flashcards()).isEmpty();
        assertThat(material.questions()).isEmpty();
    }

    /** The Markdown sample as the service stores it: section texts (without headings) joined by blank lines. */
    static String photosynthesis() {
        return sample("photosynthesis.md").lines().filter(line -> !line.startsWith("#"))
                .collect(Collectors.joining("\n")).strip().replaceAll("\n{3,}", "\n\n");
    }

    static String sample(String name) {
        try (InputStream in = RuleBasedGeneratorTests.class.getResourceAsStream("/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
