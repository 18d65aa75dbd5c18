package dev.lectern.content.study;

import dev.lectern.content.study.StudyMaterial.Card;
import dev.lectern.content.study.StudyMaterial.CardKind;
import dev.lectern.content.study.StudyMaterial.Definition;
import dev.lectern.content.study.StudyMaterial.Question;
import dev.lectern.content.study.StudyMaterial.QuestionKind;
import dev.lectern.content.study.StudyMaterial.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic generator built on sentence patterns, no external service:
 * <ul>
 * <li>definitional sentences: "X is/are a|an|the|any … ", "X refers to …", "… is called X" / "… is known as X";</li>
 * <li>definition cards (term → the definition, verbatim) and cloze cards (a later sentence that mentions a defined
 * term, with the term blanked → the term as written there);</li>
 * <li>multiple-choice questions (the right definition and three other definitions of the same text) and true/false
 * statements (a term with its own definition, or with another term's).</li>
 * </ul>
 * Only {@link String#hashCode()} (fixed by the language) orders choices, so the output depends on the text alone.
 */
public final class RuleBasedGenerator implements StudyMaterialGenerator {

    static final String BLANK = "_____";
    private static final int MAX_CLOZE = 12;
    private static final int MAX_TERM_WORDS = 5;

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)|\\n\\s*\\n");
    private static final String TERM = "(?<term>[A-Za-z][\\w-]*(?:\\s+[\\w-]+){0,4}?(?:\\s*\\([^()]{1,20}\\))?)";
    private static final Pattern IS = Pattern.compile("^(?<article>(?:A|An|The)\\s+)?" + TERM
            + "\\s+(?:is|are)\\s+(?<def>(?:a|an|the|any|one)\\s.+?)[.!]?$");
    private static final Pattern REFERS = Pattern.compile("^(?<article>(?:A|An|The)\\s+)?" + TERM
            + "\\s+refers?\\s+to\\s+(?<def>.+?)[.!]?$");
    private static final Pattern CALLED = Pattern.compile("^(?<def>(?:A|An|The)\\s[^,;:]+?)\\s+(?:is|are)\\s+"
            + "(?:called|known\\s+as)\\s+(?:(?:the|a|an)\\s+)?(?<term>[A-Za-z][\\w-]*(?:\\s+[A-Za-z][\\w-]*){0,3}?)"
            + "(?=\\s*[,;.!]|$)");
    private static final Set<String> NOT_A_TERM = Set.of("it", "this", "that", "these", "those", "they", "there",
            "each", "every", "its", "their", "which", "what", "here", "he", "she", "we", "you", "i", "one", "some",
            "all", "most", "many", "such", "because", "when", "if", "in", "on", "at", "for", "to", "of", "and", "but");
    private static final Pattern ACRONYM = Pattern.compile("(?<![\\w-])[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*(?![\\w-])");
    /** "a different mechanism", "the same …": meaningful only next to the sentence before, so not a definition. */
    private static final Pattern RELATIVE = Pattern.compile("^(?:a|an|the|one)\\s+(?:different|similar|same|other|"
            + "former|latter|following|previous|next|first|second|third|last)\\b.*");

    @Override
    public StudyMaterial generate(String text) {
        List<Span> sentences = sentences(text);
        List<Definition> definitions = definitions(text, sentences);
        List<Card> cards = new ArrayList<>();
        Set<String> seenFronts = new LinkedHashSet<>();
        for (Definition d : definitions) {
            if (seenFronts.add(normal(d.term()))) {
                cards.add(new Card(CardKind.DEFINITION, d.term(), d.definition(), d.definitionSpan()));
            }
        }
        cards.addAll(cloze(text, sentences, definitions, seenFronts));
        List<Question> questions = new ArrayList<>(multipleChoice(definitions));
        questions.addAll(trueFalse(definitions));
        return new StudyMaterial(keyTerms(text, definitions), definitions, cards, questions);
    }

    /** Sentences as trimmed spans; a blank line also ends one (headings, titles). */
    static List<Span> sentences(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher end = SENTENCE_END.matcher(text);
        int start = 0;
        while (end.find()) {
            int stop = end.group().charAt(0) == '\n' ? end.start() : end.end();
            addTrimmed(text, start, stop, spans);
            start = end.end();
        }
        addTrimmed(text, start, text.length(), spans);
        return spans;
    }

    private static void addTrimmed(String text, int start, int end, List<Span> spans) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
    }

    private static List<Definition> definitions(String text, List<Span> sentences) {
        List<Definition> found = new ArrayList<>();
        Set<String> terms = new LinkedHashSet<>();
        for (Span sentence : sentences) {
            String s = text.substring(sentence.start(), sentence.end());
            if (s.indexOf('\n') >= 0) {
                continue;
            }
            Definition d = called(s, sentence);
            if (d == null) {
                d = isOrRefers(REFERS, s, sentence);
            }
            if (d == null) {
                d = isOrRefers(IS, s, sentence);
            }
            if (d != null && terms.add(normal(d.term()))) {
                found.add(d);
            }
        }
        return found;
    }

    private static Definition called(String s, Span sentence) {
        Matcher m = CALLED.matcher(s);
        if (!m.find() || !usableTerm(m.group("term"))) {
            return null;
        }
        String definition = m.group("def");
        if (definition.split("\\s+").length > 25) {
            return null;
        }
        Span span = new Span(sentence.start() + m.start("def"), sentence.start() + m.end("def"));
        return new Definition(m.group("term"), definition, span, sentence);
    }

    private static Definition isOrRefers(Pattern pattern, String s, Span sentence) {
        Matcher m = pattern.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String term = m.group("term");
        if (!usableTerm(term)) {
            return null;
        }
        String definition = m.group("def");
        if (definition.split("\\s+").length < 3 || RELATIVE.matcher(definition).matches()) {
            return null;
        }
        // A capitalised first word is lower-cased when only its position capitalised it ("Flow control" → "flow
        // control"), kept when it is a name ("The Calvin cycle", "TCP").
        if (m.group("article") == null && isOrdinaryCapitalised(term)) {
            term = Character.toLowerCase(term.charAt(0)) + term.substring(1);
        }
        Span span = new Span(sentence.start() + m.start("def"), sentence.start() + m.end("def"));
        return new Definition(term, definition, span, sentence);
    }

    private static boolean usableTerm(String term) {
        String[] words = term.replaceAll("\\([^)]*\\)", "").strip().split("\\s+");
        return words.length <= MAX_TERM_WORDS && !NOT_A_TERM.contains(words[0].toLowerCase(Locale.ROOT))
                && term.chars().anyMatch(Character::isLetter);
    }

    private static boolean isOrdinaryCapitalised(String term) {
        String first = term.split("\\s+")[0];
        return first.length() > 1 && Character.isUpperCase(first.charAt(0))
                && first.substring(1).chars().noneMatch(Character::isUpperCase);
    }

    private static List<Card> cloze(String text, List<Span> sentences, List<Definition> definitions,
            Set<String> seenFronts) {
        Set<Span> definitional = new LinkedHashSet<>();
        definitions.forEach(d -> definitional.add(d.sentence()));
        List<Pattern> termPatterns = new ArrayList<>();
        definitions.stream().flatMap(d -> forms(d.term()).stream()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .forEach(form -> termPatterns.add(Pattern.compile("(?<![\\w-])" + Pattern.quote(form) + "s?(?![\\w-])",
                        Pattern.CASE_INSENSITIVE)));
        List<Card> cards = new ArrayList<>();
        for (Span sentence : sentences) {
            String s = text.substring(sentence.start(), sentence.end());
            if (cards.size() >= MAX_CLOZE || definitional.contains(sentence) || !s.matches("(?s).*[.!?]")
                    || s.indexOf('\n') >= 0 || s.split("\\s+").length < 6) {
                continue;
            }
            for (Pattern p : termPatterns) {
                Matcher m = p.matcher(s);
                if (m.find()) {
                    String front = s.substring(0, m.start()) + BLANK + s.substring(m.end());
                    if (seenFronts.add(normal(front))) {
                        cards.add(new Card(CardKind.CLOZE, front, m.group(), sentence));
                    }
                    break;
                }
            }
        }
        return cards;
    }

    /** "Transmission Control Protocol (TCP)" is mentioned as itself, as "Transmission Control Protocol" or "TCP". */
    private static List<String> forms(String term) {
        Matcher paren = Pattern.compile("^(.*?)\\s*\\(([^)]+)\\)$").matcher(term);
        if (paren.matches()) {
            return List.of(term, paren.group(1), paren.group(2));
        }
        return List.of(term);
    }

    private static List<Question> multipleChoice(List<Definition> definitions) {
        List<Question> questions = new ArrayList<>();
        if (definitions.size() < 4) {
            return questions;
        }
        for (Definition d : definitions) {
            List<String> distractors = definitions.stream().filter(other -> other != d)
                    .filter(other -> !normal(other.definition()).equals(normal(d.definition())))
                    .sorted(Comparator.comparingInt((Definition other) -> (d.term() + "|" + other.term()).hashCode())
                            .thenComparing(Definition::term))
                    .map(Definition::definition).distinct().limit(3).toList();
            if (distractors.size() < 3) {
                continue;
            }
            int answer = Math.floorMod(d.term().hashCode(), 4);
            List<String> options = new ArrayList<>(distractors);
            options.add(answer, d.definition());
            questions.add(new Question(QuestionKind.MULTIPLE_CHOICE, "Which of these describes \"" + d.term() + "\"?",
                    options, answer, d.definitionSpan()));
        }
        return questions;
    }

    private static List<Question> trueFalse(List<Definition> definitions) {
        List<Question> questions = new ArrayList<>();
        if (definitions.size() < 2) {
            return questions;
        }
        for (int i = 0; i < definitions.size(); i++) {
            Definition d = definitions.get(i);
            boolean truthful = i % 2 == 0;
            Definition shown = truthful ? d : definitions.get((i + 1) % definitions.size());
            String prompt = "True or false: \"" + d.term() + "\" is " + asComplement(shown.definition()) + ".";
            questions.add(new Question(QuestionKind.TRUE_FALSE, prompt, List.of("True", "False"), truthful ? 0 : 1,
                    shown.definitionSpan()));
        }
        return questions;
    }

    /** "The fluid that …" reads "the fluid that …" after "is". */
    private static String asComplement(String definition) {
        if (definition.matches("^(The|A|An|Any|One)\\s.*")) {
            return Character.toLowerCase(definition.charAt(0)) + definition.substring(1);
        }
        return definition;
    }

    private static List<String> keyTerms(String text, List<Definition> definitions) {
        Set<String> terms = new LinkedHashSet<>();
        definitions.forEach(d -> terms.add(d.term()));
        Set<String> normalised = new LinkedHashSet<>();
        terms.forEach(t -> forms(t).forEach(f -> normalised.add(normal(f))));
        Matcher acronym = ACRONYM.matcher(text);
        while (acronym.find() && terms.size() < 20) {
            if (normalised.add(normal(acronym.group()))) {
                terms.add(acronym.group());
            }
        }
        return List.copyOf(terms);
    }

    private static String normal(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
