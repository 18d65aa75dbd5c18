package dev.lectern.content.graphql;

import dev.lectern.common.web.BadRequestException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.validation.BindException;

/** Query limits, and bad paging arguments reported as a client error rather than an internal one. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    static final int MAX_DEPTH = 6;
    static final int MAX_COMPLEXITY = 200;

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth() {
        return new MaxQueryDepthInstrumentation(MAX_DEPTH);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity() {
        return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY);
    }

    private static String expected(org.springframework.validation.FieldError error) {
        return error.contains(org.springframework.beans.TypeMismatchException.class)
                && error.unwrap(org.springframework.beans.TypeMismatchException.class).getRequiredType() != null
                ? "a " + error.unwrap(org.springframework.beans.TypeMismatchException.class).getRequiredType()
                        .getSimpleName()
                : "the expected type";
    }

    @Bean
    DataFetcherExceptionResolverAdapter badRequests() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable e, DataFetchingEnvironment env) {
                if (e instanceof BadRequestException bad) {
                    return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST)
                            .message(bad.getMessage() + ": " + bad.errors().stream()
                                    .map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse(""))
                            .build();
                }
                if (e instanceof BindException bind) {
                    // An argument that does not convert (a document id that is not a UUID): the caller's mistake.
                    return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST)
                            .message("Invalid argument: " + bind.getFieldErrors().stream()
                                    .map(f -> (f.getField().isEmpty() ? bind.getObjectName() : f.getField()) + " '"
                                            + f.getRejectedValue() + "' cannot be read as "
                                            + expected(f))
                                    .reduce((a, b) -> a + "; " + b).orElse(bind.getMessage()))
                            .build();
                }
                return null;
            }
        };
    }
}
