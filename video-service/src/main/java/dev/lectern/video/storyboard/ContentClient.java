package dev.lectern.video.storyboard;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Reads a caller's document from content-service, with the caller's own token (content-service checks ownership
 * again). Each call has a timeout (the client's), a retry for transient failures and a circuit breaker: when
 * content-service is down, video requests fail fast with 503 instead of piling up.
 */
public class ContentClient {

    private final RestClient rest;
    private final RetryTemplate retry;
    private final CircuitBreaker breaker;

    public ContentClient(RestClient rest, RetryTemplate retry, CircuitBreaker breaker) {
        this.rest = rest;
        this.retry = retry;
        this.breaker = breaker;
    }

    /** The study material of a document, or empty when content-service does not offer it for this document. */
    public Optional<StudyPack> studyPack(UUID documentId, String bearerToken) {
        return call(() -> {
            try {
                return Optional.ofNullable(rest.get().uri("/api/content/documents/{id}/study-pack", documentId)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                        .retrieve().body(StudyPack.class));
            } catch (HttpClientErrorException.NotFound e) {
                // Either no such document, or no study-pack endpoint: the document read below tells which.
                return Optional.<StudyPack>empty();
            }
        });
    }

    /** @throws DocumentNotFoundException when the caller has no such document */
    public DocumentView document(UUID documentId, String bearerToken) {
        Optional<DocumentView> document = call(() -> {
            try {
                return Optional.ofNullable(rest.get().uri("/api/content/documents/{id}", documentId)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                        .retrieve().body(DocumentView.class));
            } catch (HttpClientErrorException.NotFound e) {
                return Optional.<DocumentView>empty();
            }
        });
        return document.orElseThrow(() -> new DocumentNotFoundException(documentId));
    }

    /**
     * One call through the breaker and the retries. A 404 is an answer (handled by the caller), not a failure: only
     * unreachability, timeouts and 5xx count against content-service and end as 503.
     */
    private <T> T call(java.util.function.Supplier<T> request) {
        return breaker.run(() -> {
            try {
                return retry.execute(request::get);
            } catch (RetryException e) {
                throw new ContentUnavailableException(e.getCause() == null ? e : e.getCause());
            }
        }, failure -> {
            if (failure instanceof ContentUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ContentUnavailableException(failure);
        });
    }

    public record StudyPack(UUID documentId, String title, List<String> keyPoints, List<Card> flashcards,
            List<Question> quiz) {

        public record Card(String front, String back) {
        }

        public record Question(String prompt, List<String> options, int answerIndex) {
        }
    }

    public record DocumentView(UUID id, String title, List<Section> sections) {

        public record Section(String heading, String text) {
        }
    }
}
