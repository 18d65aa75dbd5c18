package dev.lectern.content.study;

import dev.lectern.common.web.PageQuery;
import dev.lectern.content.cache.PageOf;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/content")
class StudyController {

    private final StudyService study;

    StudyController(StudyService study) {
        this.study = study;
    }

    /** Cards in the generator's order (definitions, then cloze); {@code sort} is not offered. */
    @GetMapping("/documents/{id}/flashcards")
    PageOf<FlashcardResponse> flashcards(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return study.flashcards(caller.getSubject(), id, paging(page, size));
    }

    @GetMapping("/documents/{id}/quizzes")
    PageOf<QuizResponse> quizzes(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return study.quizzes(caller.getSubject(), id, paging(page, size));
    }

    @GetMapping("/documents/{id}/study-pack")
    StudyPackResponse studyPack(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return study.studyPack(caller.getSubject(), id);
    }

    @PostMapping("/quizzes/{id}/attempts")
    ResponseEntity<AttemptResponse> attempt(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody AttemptRequest request) {
        AttemptResponse attempt = study.attempt(caller.getSubject(), id, request);
        return ResponseEntity.created(URI.create("/api/content/quizzes/" + id + "/attempts/" + attempt.id()))
                .body(attempt);
    }

    private static Pageable paging(int page, int size) {
        return PageQuery.of(page, size, null, Set.of(), Sort.unsorted());
    }
}
