package dev.lectern.common.lifecycle;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;

/** The shutdown drain of every servlet service ({@link ShutdownDrain}); {@code lectern.shutdown.drain}, default 3 s. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ShutdownDrainAutoConfiguration.ShutdownProperties.class)
public class ShutdownDrainAutoConfiguration {

    /**
     * @param drain how long to keep serving after readiness went down: longer than the slowest readiness check of
     *              whatever routes here (the gateway checks every second); 0 turns the drain off
     */
    @Validated
    @ConfigurationProperties("lectern.shutdown")
    public record ShutdownProperties(@NotNull @DefaultValue("3s") Duration drain) {
    }

    @Bean
    ShutdownDrain shutdownDrain(ShutdownProperties properties) {
        return new ShutdownDrain(properties.drain());
    }
}
