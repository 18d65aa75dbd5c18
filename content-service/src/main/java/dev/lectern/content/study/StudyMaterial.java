package dev.lectern.content.study;

import java.util.List;

/**
 * What a generator finds in a text. Offsets are into that text ({@code [start, end)}).
 *
 * @param keyTerms    the terms the text defines, then its acronyms, in order of first appearance
 * @param definitions definitional sentences, one per term
 * @param flashcards  definition cards (term → definition) then cloze cards (sentence with a blank → the term)
 * @param questions   multiple-choice then true/false questions
 */
public record StudyMaterial(List<String> keyTerms, List<Definition> definitions, List<Card> flashcards,
        List<Question> questions) {

    public StudyMaterial {
        keyTerms = List.copyOf(keyTerms);
        definitions = List.copyOf(definitions);
        flashcards = List.copyOf(flashcards);
        questions = List.copyOf(questions);
    }

    public record Span(int start, int end) {
    }

    /** {@code term} is defined by {@code definition} (the text at {@code definitionSpan}) in {@code sentence}. */
    public record Definition(String term, String definition, Span definitionSpan, Span sentence) {
    }

    public enum CardKind {
        DEFINITION, CLOZE
    }

    public record Card(CardKind kind, String front, String back, Span source) {
    }

    public enum QuestionKind {
        MULTIPLE_CHOICE, TRUE_FALSE
    }

    public record Question(QuestionKind kind, String prompt, List<String> options, int answerIndex, Span source) {

        public Question {
            options = List.copyOf(options);
        }
    }
}
