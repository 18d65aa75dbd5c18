package dev.lectern.worker.encoding;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncodingConfiguration.EncodingProperties.class)
class EncodingConfiguration {

    /** @param encoder {@code auto} (NVENC where a GPU encoder opens, else libx264), {@code libx264}, {@code h264_nvenc} */
    @Validated
    @ConfigurationProperties("lectern.worker")
    record EncodingProperties(@NotBlank String encoder) {
    }

    @Bean
    EncoderChoice encoderChoice(EncodingProperties properties) {
        return new EncoderChoice(EncoderSelector.select(properties.encoder()));
    }
}
