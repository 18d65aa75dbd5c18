package dev.lectern.content.graphql;

import dev.lectern.common.web.NotFoundException;
import dev.lectern.common.web.PageQuery;
import dev.lectern.content.cache.PageOf;
import dev.lectern.content.document.DocumentResponse;
import dev.lectern.content.document.DocumentService;
import dev.lectern.content.study.FlashcardResponse;
import dev.lectern.content.study.QuizResponse;
import dev.lectern.content.study.StudyService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL face of documents and their study material. Children are batch-loaded: the documents of a response are
 * the caller's own (the parent query is owner-scoped), and their flashcards and quizzes are fetched for all of them
 * with one statement each.
 */
@Controller
class ContentGraphQlController {

    private static final Set<String> SORTABLE = Set.of("createdAt", "title");

    private final DocumentService documents;
    private final StudyService study;

    ContentGraphQlController(DocumentService documents, StudyService study) {
        this.documents = documents;
        this.study = study;
    }

    @QueryMapping
    PageOf<DocumentResponse> documents(@AuthenticationPrincipal Jwt caller, @Argument int page, @Argument int size,
            @Argument String sort, @Argument String title) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, Sort.by(Sort.Direction.DESC, "createdAt"));
        return documents.list(caller.getSubject(), title, pageable);
    }

    @QueryMapping
    DocumentResponse document(@AuthenticationPrincipal Jwt caller, @Argument UUID id) {
        try {
            return documents.get(caller.getSubject(), id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    @BatchMapping(typeName = "Document")
    Map<DocumentResponse, List<FlashcardResponse>> flashcards(List<DocumentResponse> parents) {
        Map<UUID, List<FlashcardResponse>> byId = study.flashcardsOf(parents.stream().map(DocumentResponse::id).toList());
        Map<DocumentResponse, List<FlashcardResponse>> result = new LinkedHashMap<>();
        parents.forEach(d -> result.put(d, byId.getOrDefault(d.id(), List.of())));
        return result;
    }

    @BatchMapping(typeName = "Document")
    Map<DocumentResponse, List<QuizResponse>> quizzes(List<DocumentResponse> parents) {
        Map<UUID, QuizResponse> byId = study.quizzesOf(parents.stream().map(DocumentResponse::id).toList());
        Map<DocumentResponse, List<QuizResponse>> result = new LinkedHashMap<>();
        parents.forEach(d -> result.put(d, byId.containsKey(d.id()) ? List.of(byId.get(d.id())) : List.of()));
        return result;
    }
}
