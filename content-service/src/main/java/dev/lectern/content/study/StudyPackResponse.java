package dev.lectern.content.study;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Everything the video service needs to build a storyboard from a document, answers included (owner only). */
public record StudyPackResponse(UUID documentId, String title, List<String> keyPoints, List<Card> flashcards,
        List<QuizItem> quiz) implements Serializable {

    public record Card(String front, String back) implements Serializable {
    }

    public record QuizItem(String prompt, List<String> options, int answerIndex) implements Serializable {
    }
}
