package dev.lectern.common.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;

/** The current trace id, so a problem response can be matched to its log lines. */
public final class TraceIds {

    private final ObjectProvider<Tracer> tracer;

    public TraceIds(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    public String current() {
        Tracer current = tracer.getIfAvailable();
        if (current == null) {
            return null;
        }
        Span span = current.currentSpan();
        return span == null ? null : span.context().traceId();
    }
}
