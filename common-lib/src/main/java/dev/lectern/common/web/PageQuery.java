package dev.lectern.common.web;

import java.util.List;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Turns {@code ?page=0&size=20&sort=createdAt,desc} into a {@link Pageable}, refusing (400, not silently clamping)
 * a size over the maximum or a sort field the list does not offer: a client that asks for 500 rows should learn it
 * gets at most 100.
 */
public final class PageQuery {

    public static final int MAX_SIZE = 100;

    /** The furthest row a page may start at. */
    public static final long MAX_OFFSET = 1_000_000;

    private PageQuery() {
    }

    public static Pageable of(int page, int size, String sort, Set<String> sortable, Sort fallback) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        } else if ((long) page * Math.max(size, 1) > MAX_OFFSET) {
            // JPA binds the offset as an int (a larger one is an exception, not an empty page); no list is that long.
            errors.add(new FieldError("page", "page × size must not exceed " + MAX_OFFSET));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        Sort order = fallback;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(",");
            String field = parts[0].trim();
            String direction = parts.length > 1 ? parts[1].trim().toLowerCase(java.util.Locale.ROOT) : "asc";
            if (!sortable.contains(field)) {
                errors.add(new FieldError("sort", "can sort by " + String.join(", ", new java.util.TreeSet<>(sortable))));
            } else if (!direction.equals("asc") && !direction.equals("desc")) {
                errors.add(new FieldError("sort", "direction must be asc or desc"));
            } else {
                order = Sort.by(Sort.Direction.fromString(direction), field);
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid paging parameters", errors);
        }
        return PageRequest.of(page, size, order);
    }
}
