package dev.lectern.gateway.routing;

import dev.lectern.gateway.web.ProblemWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A route's body limit (413 problem+json). A declared body larger than the limit is refused before anything reads
 * it; a body without a declared length (chunked) is counted while it streams to the service, and the call fails
 * with 413 as soon as it passes the limit — the service sees the request cut off, and never a body over the limit.
 */
final class BodySizeLimit implements GatewayFilter {

    private final DataSize limit;
    private final ProblemWriter problems;

    BodySizeLimit(DataSize limit, ProblemWriter problems) {
        this.limit = limit;
        this.problems = problems;
    }

    static boolean exceeds(long declaredLength, DataSize limit) {
        return declaredLength > limit.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long length = request.getHeaders().getContentLength();
        if (exceeds(length, limit)) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                    "The request body is " + length + " bytes; this endpoint accepts at most " + limit.toBytes()
                            + " bytes.");
        }
        if (length >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new CountedBody(request, limit.toBytes())).build());
    }

    /** The request whose body fails with {@link BodyTooLargeException} once more than {@code limit} bytes came. */
    private static final class CountedBody extends ServerHttpRequestDecorator {

        private final long limit;

        CountedBody(ServerHttpRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong received = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (received.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    sink.error(new BodyTooLargeException(limit));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }

    /** A streamed body passed the route's limit; {@link FallbackHandler} answers it as 413, not as an outage. */
    static final class BodyTooLargeException extends ResponseStatusException {

        BodyTooLargeException(long limit) {
            super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the " + limit
                    + " bytes this endpoint accepts.");
        }
    }
}
