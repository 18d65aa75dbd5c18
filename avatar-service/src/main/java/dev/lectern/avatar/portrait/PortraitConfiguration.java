package dev.lectern.avatar.portrait;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The face cascade is loaded once per instance. */
@Configuration(proxyBeanMethods = false)
class PortraitConfiguration {

    @Bean(destroyMethod = "close")
    PortraitFaceDetector portraitFaceDetector() {
        return new PortraitFaceDetector();
    }
}
