package dev.lectern.video.storyboard;

import dev.lectern.common.video.Scene;
import dev.lectern.common.video.Storyboard;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Builds a storyboard from a document: a title, its key points as bullet lists, flashcards, quiz questions and a
 * summary — from content-service's study material; where there is none yet, from the title and the first sentence of
 * each paragraph. Deterministic: the same document gives the same storyboard (and so hits the scene cache).
 */
public class DocumentStoryboards {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final int POINTS_PER_SCENE = 4;

    private final ContentClient content;
    private final int maxTextChars;

    public DocumentStoryboards(ContentClient content, int maxTextChars) {
        this.content = content;
        this.maxTextChars = maxTextChars;
    }

    public Storyboard forDocument(UUID documentId, String bearerToken) {
        return content.studyPack(documentId, bearerToken)
                .map(this::fromStudyPack)
                .orElseGet(() -> fromDocument(content.document(documentId, bearerToken)));
    }

    Storyboard fromStudyPack(ContentClient.StudyPack pack) {
        List<Scene> scenes = new ArrayList<>();
        scenes.add(new Scene.Title(clip(pack.title()), "Key ideas, flashcards and a quick quiz", 4, null));
        addBullets(scenes, "Key points", pack.keyPoints());
        for (ContentClient.StudyPack.Card card : limit(pack.flashcards(), 4)) {
            scenes.add(new Scene.Flashcard(clip(card.front()), clip(card.back()), 6, null));
        }
        for (ContentClient.StudyPack.Question question : limit(pack.quiz(), 3)) {
            if (question.options() != null && question.options().size() >= 2 && question.options().size() <= 6) {
                scenes.add(new Scene.Quiz(clip(question.prompt()), question.options().stream().map(this::clip).toList(),
                        question.answerIndex(), 7, null));
            }
        }
        List<String> recap = limit(pack.keyPoints(), 4).stream().map(this::clip).toList();
        if (!recap.isEmpty()) {
            scenes.add(new Scene.Summary("Summary", recap, 5, null));
        }
        return new Storyboard(clip(pack.title()), scenes);
    }

    Storyboard fromDocument(ContentClient.DocumentView document) {
        List<String> firstSentences = new ArrayList<>();
        for (ContentClient.DocumentView.Section section : document.sections()) {
            for (String paragraph : section.text().split("\\n\\s*\\n")) {
                String sentence = SENTENCE_END.split(paragraph.strip(), 2)[0].strip();
                if (!sentence.isEmpty() && !sentence.startsWith("#")) {
                    firstSentences.add(sentence);
                }
            }
        }
        List<Scene> scenes = new ArrayList<>();
        scenes.add(new Scene.Title(clip(document.title()), null, 4, null));
        addBullets(scenes, document.title(), limit(firstSentences, 2 * POINTS_PER_SCENE));
        return new Storyboard(clip(document.title()), scenes);
    }

    private void addBullets(List<Scene> scenes, String title, List<String> points) {
        List<String> clipped = points == null ? List.of() : points.stream().filter(p -> p != null && !p.isBlank())
                .map(this::clip).toList();
        for (int from = 0; from < Math.min(clipped.size(), 2 * POINTS_PER_SCENE); from += POINTS_PER_SCENE) {
            List<String> chunk = clipped.subList(from, Math.min(from + POINTS_PER_SCENE, clipped.size()));
            scenes.add(new Scene.Bullets(clip(title), chunk, 2 + 2.0 * chunk.size(), null));
        }
    }

    private String clip(String text) {
        String value = text == null ? "" : text.strip();
        return value.length() <= maxTextChars ? value : value.substring(0, maxTextChars - 1).strip() + "…";
    }

    private static <T> List<T> limit(List<T> items, int max) {
        return items == null ? List.of() : items.subList(0, Math.min(max, items.size()));
    }
}
