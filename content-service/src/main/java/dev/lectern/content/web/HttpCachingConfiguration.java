package dev.lectern.content.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * {@code ETag} on every GET under {@code /api/content/} (a hash of the body), and {@code If-None-Match} with that tag
 * answers 304 without a body. Cheap on top of the caches, which make producing the body itself cheap.
 */
@Configuration(proxyBeanMethods = false)
class HttpCachingConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
        ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter();
        // Weak tags: the gzip and identity encodings of a body are the same representation; Tomcat also refuses to
        // compress a response that carries a strong ETag.
        filter.setWriteWeakETag(true);
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/content/*");
        registration.setName("etags");
        return registration;
    }
}
