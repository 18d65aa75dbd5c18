package dev.lectern.content.document;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface DocumentRepository extends JpaRepository<Document, UUID> {

    Optional<Document> findByIdAndOwnerId(UUID id, String ownerId);

    Page<Document> findByOwnerId(String ownerId, Pageable pageable);

    Page<Document> findByOwnerIdAndTitleContainingIgnoreCase(String ownerId, String title, Pageable pageable);

    boolean existsBySha256(String sha256);
}
