package dev.lectern.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.gateway.AbstractGatewayTests;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Retries only for idempotent methods: a service answering 503 gets a GET, HEAD or OPTIONS four times (the request
 * and three retries) and a POST, PUT, PATCH or DELETE once — sending those again could apply them twice.
 */
class RetryTests extends AbstractGatewayTests {

    @ParameterizedTest(name = "{0} answered 503 by the service reaches it {1} time(s)")
    @CsvSource({"GET, 4", "HEAD, 4", "OPTIONS, 4", "POST, 1", "PUT, 1", "PATCH, 1", "DELETE, 1"})
    void retriesOnlyIdempotentMethods(HttpMethod method, int deliveries) {
        String path = "/api/content/documents/" + UUID.randomUUID() + "/status/503";
        var request = client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, bearer(freshUser(), "AUTHOR"));
        var response = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange() : request.exchange();

        response.expectStatus().isEqualTo(503);
        assertThat(CONTENT.received()).filteredOn(r -> r.uri().equals(path))
                .hasSize(deliveries)
                .allSatisfy(r -> assertThat(r.method()).isEqualTo(method.name()));
    }
}
