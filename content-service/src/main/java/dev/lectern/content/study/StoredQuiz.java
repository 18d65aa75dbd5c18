package dev.lectern.content.study;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** A quiz with its answers, as stored and cached; the API shows {@link QuizResponse} (answers hidden). */
public record StoredQuiz(UUID id, UUID documentId, String title, List<Question> questions) implements Serializable {

    public StoredQuiz {
        questions = List.copyOf(questions);
    }

    public record Question(UUID id, String kind, String prompt, List<String> options, int answerIndex, int start,
            int end) implements Serializable {

        public Question {
            options = List.copyOf(options);
        }
    }

    QuizResponse toResponse() {
        return new QuizResponse(id, documentId, title, questions.stream()
                .map(q -> new QuizResponse.Question(q.id(), q.kind(), q.prompt(), q.options())).toList());
    }
}
