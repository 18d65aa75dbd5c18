package dev.lectern.content.study;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/** A learner's answers: one per question they answered (unanswered questions count as wrong). */
public record AttemptRequest(@NotEmpty List<@Valid @NotNull Answer> answers) {

    public record Answer(@NotNull UUID questionId, @NotNull Integer answerIndex) {
    }
}
