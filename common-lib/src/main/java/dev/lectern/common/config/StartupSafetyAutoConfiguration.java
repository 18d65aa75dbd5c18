package dev.lectern.common.config;

import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Every service checks its settings for the environment it runs in before it serves anything. */
@AutoConfiguration
public class StartupSafetyAutoConfiguration {

    @Bean
    SmartInitializingSingleton startupSafetyCheck(Environment environment) {
        return () -> {
            List<String> problems = UnsafeSettings.find(environment::getProperty, environment.getActiveProfiles());
            if (!problems.isEmpty()) {
                throw new UnsafeConfigurationException(problems);
            }
        };
    }
}
