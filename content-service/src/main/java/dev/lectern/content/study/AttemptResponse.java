package dev.lectern.content.study;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The score of a stored attempt and, per question, whether it was right and what the right answer is. */
public record AttemptResponse(UUID id, UUID quizId, int score, int total, List<Feedback> feedback, Instant createdAt) {

    public record Feedback(UUID questionId, Integer chosenIndex, int correctIndex, String correctAnswer,
            boolean correct) {
    }
}
