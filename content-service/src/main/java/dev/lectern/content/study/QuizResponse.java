package dev.lectern.content.study;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** A quiz as a learner sees it: the correct answers are revealed only in an attempt's feedback. */
public record QuizResponse(UUID id, UUID documentId, String title, List<Question> questions) implements Serializable {

    public record Question(UUID id, String kind, String prompt, List<String> options) implements Serializable {
    }
}
