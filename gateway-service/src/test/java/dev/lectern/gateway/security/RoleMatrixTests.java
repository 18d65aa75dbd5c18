package dev.lectern.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.gateway.AbstractGatewayTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The whole role matrix of docs/security.md, walked through the gateway: each (endpoint, role) pair either reaches the
 * right service or is refused with 403 problem+json; without a token every endpoint answers 401.
 */
class RoleMatrixTests extends AbstractGatewayTests {

    private static final Set<String> ALL = Set.of("LEARNER", "AUTHOR", "ADMIN");
    private static final Set<String> AUTHORS = Set.of("AUTHOR", "ADMIN");
    private static final Set<String> ADMINS = Set.of("ADMIN");

    /** endpoint → the roles that reach it, and which service answers. */
    private record Row(HttpMethod method, String path, String service, Set<String> allowed) {
    }

    private static final List<Row> MATRIX = List.of(
            new Row(HttpMethod.GET, "/api/content/documents", "content-service", ALL),
            new Row(HttpMethod.GET, "/api/content/documents/d1", "content-service", ALL),
            new Row(HttpMethod.POST, "/api/content/documents", "content-service", AUTHORS),
            new Row(HttpMethod.PUT, "/api/content/documents/d1", "content-service", AUTHORS),
            new Row(HttpMethod.PATCH, "/api/content/documents/d1", "content-service", AUTHORS),
            new Row(HttpMethod.DELETE, "/api/content/documents/d1", "content-service", AUTHORS),
            new Row(HttpMethod.GET, "/api/content/quizzes/q1", "content-service", ALL),
            new Row(HttpMethod.GET, "/api/content/documents/d1/study-pack", "content-service", ALL),
            new Row(HttpMethod.GET, "/api/content/documents/d1/flashcards", "content-service", ALL),
            new Row(HttpMethod.POST, "/api/content/quizzes/q1/attempts", "content-service", ALL),
            new Row(HttpMethod.POST, "/graphql", "content-service", ALL),
            new Row(HttpMethod.POST, "/api/videos", "video-service", ALL),
            new Row(HttpMethod.GET, "/api/videos/v1", "video-service", ALL),
            new Row(HttpMethod.DELETE, "/api/videos/v1", "video-service", ALL),
            new Row(HttpMethod.POST, "/api/avatars", "avatar-service", ALL),
            new Row(HttpMethod.GET, "/api/avatars/a1/content", "avatar-service", ALL),
            new Row(HttpMethod.DELETE, "/api/avatars/a1", "avatar-service", ALL),
            new Row(HttpMethod.POST, "/api/avatars/portraits", "avatar-service", ALL),
            new Row(HttpMethod.OPTIONS, "/api/videos/v1", "video-service", ALL),
            new Row(HttpMethod.GET, "/api/content/admin/jobs", "content-service", ADMINS),
            new Row(HttpMethod.GET, "/api/videos/admin/jobs", "video-service", ADMINS),
            new Row(HttpMethod.POST, "/api/videos/admin/dead-letters/replay", "video-service", ADMINS),
            new Row(HttpMethod.GET, "/api/avatars/admin/jobs", "avatar-service", ADMINS),
            new Row(HttpMethod.POST, "/api/avatars/admin/dead-letters/replay", "avatar-service", ADMINS));

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : MATRIX) {
            for (String role : List.of("LEARNER", "AUTHOR", "ADMIN")) {
                cases.add(Arguments.of(row.method(), row.path(), role, row.allowed().contains(role), row.service()));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> endpoints() {
        return MATRIX.stream().map(row -> Arguments.of(row.method(), row.path()));
    }

    @ParameterizedTest(name = "{2} {0} {1} → allowed={3}")
    @MethodSource("matrix")
    void enforcesTheRoleMatrix(HttpMethod method, String path, String role, boolean allowed, String service) {
        var request = client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), role));
        var response = hasBody(method)
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange() : request.exchange();
        if (allowed) {
            response.expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo(service)
                    .jsonPath("$.path").isEqualTo(path);
        } else {
            response.expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://lectern.dev/problems/forbidden")
                    .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains(path));
        }
    }

    @ParameterizedTest(name = "anonymous {0} {1} → 401")
    @MethodSource("endpoints")
    void refusesEveryEndpointWithoutAToken(HttpMethod method, String path) {
        var request = client.method(method).uri(path);
        var response = hasBody(method)
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange() : request.exchange();
        response.expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest(name = "{0} /fallback/content-service from outside → {1}")
    @MethodSource("fallbackCallers")
    void keepsTheCircuitBreakerFallbackInternal(String role, int status) {
        var request = client.get().uri("/fallback/content-service");
        if (role != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), role));
        }
        request.exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static Stream<Arguments> fallbackCallers() {
        return Stream.of(Arguments.of(null, 401), Arguments.of("LEARNER", 403), Arguments.of("ADMIN", 403));
    }

    private static boolean hasBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }
}
