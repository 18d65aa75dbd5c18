package dev.lectern.video.storyboard;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoryboardConfiguration.ContentClientProperties.class)
class StoryboardConfiguration {

    /**
     * @param baseUri content-service
     * @param timeout per attempt (connect and read)
     * @param retries extra attempts after a transient failure (connection refused, timeout, 5xx)
     */
    @Validated
    @ConfigurationProperties("lectern.video.content")
    record ContentClientProperties(@NotNull URI baseUri, @NotNull Duration timeout, int retries) {
    }

    @Bean
    StoryboardValidator storyboardValidator(StoryboardLimits limits, JsonMapper json) {
        return new StoryboardValidator(limits, json);
    }

    @Bean
    ContentClient contentClient(ContentClientProperties properties, RestClient.Builder builder,
            CircuitBreakerFactory<?, ?> breakers) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.retries())
                .delay(Duration.ofMillis(200))
                .multiplier(2)
                .includes(ResourceAccessException.class, HttpServerErrorException.class)
                .build());
        return new ContentClient(builder.baseUrl(properties.baseUri().toString()).requestFactory(requests).build(),
                retry, breakers.create("content-service"));
    }

    @Bean
    DocumentStoryboards documentStoryboards(ContentClient content, StoryboardLimits limits) {
        return new DocumentStoryboards(content, limits.maxTextChars());
    }

    @Bean
    VideoRequestResolver videoRequestResolver(StoryboardValidator validator, DocumentStoryboards documents) {
        return new VideoRequestResolver(validator, documents);
    }
}
