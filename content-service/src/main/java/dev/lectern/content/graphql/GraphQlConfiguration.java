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
                return null;
            }
        };
    }
}
