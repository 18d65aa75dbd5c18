package dev.lectern.content.study;

import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import dev.lectern.content.cache.ContentCaches;
import dev.lectern.content.cache.PageOf;
import dev.lectern.content.document.DocumentCreated;
import dev.lectern.content.document.DocumentResponse;
import dev.lectern.content.document.DocumentService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Flashcards, quizzes, attempts and study packs of the caller's documents. */
@Service
public class StudyService {

    private final StudyMaterialGenerator generator;
    private final StudyStore store;
    private final DocumentService documents;
    private final ContentCaches caches;

    StudyService(StudyStore store, DocumentService documents, ContentCaches caches) {
        this.generator = new RuleBasedGenerator();
        this.store = store;
        this.documents = documents;
        this.caches = caches;
    }

    /** Runs inside the upload's transaction: the material is written with the document or not at all. */
    @EventListener
    void generate(DocumentCreated created) {
        store.save(created.documentId(), created.title(), generator.generate(created.text()));
    }

    public PageOf<FlashcardResponse> flashcards(String ownerId, UUID documentId, Pageable pageable) {
        documents.get(ownerId, documentId);
        ArrayList<FlashcardResponse> all = caches.material(ContentCaches.FLASHCARDS, documentId,
                () -> new ArrayList<>(store.flashcards(documentId)));
        return PageOf.slice(all, pageable.getPageNumber(), pageable.getPageSize());
    }

    /** Flashcards of documents the caller already holds (GraphQL batch loading): one statement for all of them. */
    public Map<UUID, List<FlashcardResponse>> flashcardsOf(Collection<UUID> ownedDocumentIds) {
        return store.flashcards(ownedDocumentIds);
    }

    public Map<UUID, QuizResponse> quizzesOf(Collection<UUID> ownedDocumentIds) {
        Map<UUID, QuizResponse> result = new HashMap<>();
        store.quizzes(ownedDocumentIds).forEach((id, quiz) -> result.put(id, quiz.toResponse()));
        return result;
    }

    public PageOf<QuizResponse> quizzes(String ownerId, UUID documentId, Pageable pageable) {
        documents.get(ownerId, documentId);
        ArrayList<QuizResponse> all = new ArrayList<>();
        storedQuiz(documentId).ifPresent(quiz -> all.add(quiz.toResponse()));
        return PageOf.slice(all, pageable.getPageNumber(), pageable.getPageSize());
    }

    public StudyPackResponse studyPack(String ownerId, UUID documentId) {
        DocumentResponse document = documents.get(ownerId, documentId);
        return caches.material(ContentCaches.STUDY_PACKS, documentId, () -> {
            String text = documents.text(ownerId, documentId);
            StudyMaterial material = generator.generate(text);
            List<String> keyPoints = material.definitions().stream()
                    .map(d -> text.substring(d.sentence().start(), d.sentence().end())).toList();
            return new StudyPackResponse(documentId, document.title(), keyPoints,
                    material.flashcards().stream().map(c -> new StudyPackResponse.Card(c.front(), c.back())).toList(),
                    material.questions().stream()
                            .map(q -> new StudyPackResponse.QuizItem(q.prompt(), q.options(), q.answerIndex()))
                            .toList());
        });
    }

    @Transactional
    public AttemptResponse attempt(String userId, UUID quizId, AttemptRequest request) {
        UUID documentId = store.documentOfQuiz(quizId, userId).orElseThrow(() -> new QuizNotFoundException(quizId));
        StoredQuiz quiz = storedQuiz(documentId).orElseThrow(() -> new QuizNotFoundException(quizId));
        Map<UUID, Integer> chosen = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        Map<UUID, StoredQuiz.Question> byId = new HashMap<>();
        quiz.questions().forEach(q -> byId.put(q.id(), q));
        for (int i = 0; i < request.answers().size(); i++) {
            AttemptRequest.Answer answer = request.answers().get(i);
            StoredQuiz.Question question = byId.get(answer.questionId());
            String field = "answers[" + i + "]";
            if (question == null) {
                errors.add(new FieldError(field + ".questionId", "is not a question of this quiz"));
            } else if (chosen.put(answer.questionId(), answer.answerIndex()) != null) {
                errors.add(new FieldError(field + ".questionId", "is answered more than once"));
            } else if (answer.answerIndex() < 0 || answer.answerIndex() >= question.options().size()) {
                errors.add(new FieldError(field + ".answerIndex",
                        "must be between 0 and " + (question.options().size() - 1)));
            }
        }
        if (!errors.isEmpty()) {
            throw new UnprocessableException("The answers do not fit this quiz.", errors);
        }
        List<AttemptResponse.Feedback> feedback = new ArrayList<>();
        int[] answers = new int[quiz.questions().size()];
        int score = 0;
        for (int i = 0; i < quiz.questions().size(); i++) {
            StoredQuiz.Question q = quiz.questions().get(i);
            Integer pick = chosen.get(q.id());
            boolean correct = pick != null && pick == q.answerIndex();
            score += correct ? 1 : 0;
            answers[i] = pick == null ? -1 : pick;
            feedback.add(new AttemptResponse.Feedback(q.id(), pick, q.answerIndex(), q.options().get(q.answerIndex()),
                    correct));
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.saveAttempt(id, quizId, userId, answers, score, answers.length, now);
        return new AttemptResponse(id, quizId, score, answers.length, feedback, now);
    }

    private java.util.Optional<StoredQuiz> storedQuiz(UUID documentId) {
        return java.util.Optional.ofNullable(caches.material(ContentCaches.QUIZZES, documentId,
                () -> store.quiz(documentId).orElse(null)));
    }

}
