package dev.lectern.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;

class PageQueryTests {

    private static final Sort NEWEST = Sort.by(Sort.Direction.DESC, "createdAt");

    @Test
    void acceptsAPageUpToTheLargestOffset() {
        var pageable = PageQuery.of((int) (PageQuery.MAX_OFFSET / 100), 100, "createdAt,asc", Set.of("createdAt"), NEWEST);
        assertThat(pageable.getOffset()).isEqualTo(PageQuery.MAX_OFFSET);
        assertThat(pageable.getSort().getOrderFor("createdAt").isAscending()).isTrue();
    }

    @Test
    void refusesAPageBeyondTheLargestOffsetInsteadOfFailingInTheDatabase() {
        // 107 374 183 × 20 overflows the int offset JPA binds.
        assertThatThrownBy(() -> PageQuery.of(107_374_183, 20, null, Set.of("createdAt"), NEWEST))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("page"));
    }

    @Test
    void namesEveryBadParameter() {
        assertThatThrownBy(() -> PageQuery.of(-1, 0, "title", Set.of("createdAt"), NEWEST))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("page", "size", "sort"));
    }
}
