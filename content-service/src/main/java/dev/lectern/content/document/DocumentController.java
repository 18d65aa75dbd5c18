package dev.lectern.content.document;

import dev.lectern.common.web.PageQuery;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/content/documents")
class DocumentController {

    private static final Set<String> SORTABLE = Set.of("createdAt", "title");

    private final DocumentService documents;

    DocumentController(DocumentService documents) {
        this.documents = documents;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DocumentResponse> create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody CreateDocumentRequest request) {
        DocumentResponse created = documents.createText(caller.getSubject(), request);
        return ResponseEntity.created(URI.create("/api/content/documents/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    DocumentResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return documents.get(caller.getSubject(), id);
    }

    @GetMapping
    PagedModel<DocumentResponse> list(@AuthenticationPrincipal Jwt caller,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, Sort.by(Sort.Direction.DESC, "createdAt"));
        return new PagedModel<>(documents.list(caller.getSubject(), pageable));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        documents.delete(caller.getSubject(), id);
    }
}
