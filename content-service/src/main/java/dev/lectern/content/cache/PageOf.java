package dev.lectern.content.cache;

import java.io.Serializable;
import java.util.List;
import org.springframework.data.domain.Page;

/**
 * One page of a list, in the shape Spring Data's {@code PagedModel} serialises to (docs/api):
 * {@code {"content": [...], "page": {"number", "size", "totalElements", "totalPages"}}}. Serializable, so it can sit in
 * the caches.
 */
public record PageOf<T extends Serializable>(List<T> content, Metadata page) implements Serializable {

    public PageOf {
        content = List.copyOf(content);
    }

    public record Metadata(long number, long size, long totalElements, long totalPages) implements Serializable {
    }

    public static <T extends Serializable> PageOf<T> of(Page<T> page) {
        return new PageOf<>(page.getContent(), new Metadata(page.getNumber(), page.getSize(), page.getTotalElements(),
                page.getTotalPages()));
    }

    /** A page cut from a whole list held in memory (the study material of one document is small). */
    public static <T extends Serializable> PageOf<T> slice(List<T> all, int number, int size) {
        int from = (int) Math.min((long) number * size, all.size());
        int to = Math.min(from + size, all.size());
        long pages = all.isEmpty() ? 0 : (all.size() + size - 1) / size;
        return new PageOf<>(all.subList(from, to), new Metadata(number, size, all.size(), pages));
    }
}
