package dev.lectern.content.document;

import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.PageQuery;
import dev.lectern.common.web.UnprocessableException;
import dev.lectern.content.cache.PageOf;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/content/documents")
class DocumentController {

    private static final Set<String> SORTABLE = Set.of("createdAt", "title");

    private final DocumentService documents;

    DocumentController(DocumentService documents) {
        this.documents = documents;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('AUTHOR','ADMIN')")
    ResponseEntity<DocumentResponse> create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody CreateDocumentRequest request) {
        return created(documents.createText(caller.getSubject(), request));
    }

    /** Multipart upload: field {@code file}, optional {@code title}. The kind is sniffed from the bytes. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('AUTHOR','ADMIN')")
    ResponseEntity<DocumentResponse> upload(@AuthenticationPrincipal Jwt caller,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "title", required = false) String title) {
        if (file == null) {
            throw new UnprocessableException("The multipart request has no part named \"file\".",
                    List.of(new FieldError("file", "is required")));
        }
        try {
            return created(documents.upload(caller.getSubject(), title, file.getOriginalFilename(), file.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
    }

    @GetMapping("/{id}")
    DocumentResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return documents.get(caller.getSubject(), id);
    }

    @GetMapping
    PageOf<DocumentResponse> list(@AuthenticationPrincipal Jwt caller,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String title) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, Sort.by(Sort.Direction.DESC, "createdAt"));
        return documents.list(caller.getSubject(), title, pageable);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        documents.delete(caller.getSubject(), id);
    }

    private static ResponseEntity<DocumentResponse> created(DocumentResponse document) {
        return ResponseEntity.created(URI.create("/api/content/documents/" + document.id())).body(document);
    }
}
