package dev.lectern.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class UnsafeSettingsTests {

    private final Map<String, String> settings = new HashMap<>(Map.of(
            "lectern.environment", "prod",
            "lectern.security.jwt.issuer", "https://id.lectern.dev/realms/lectern",
            "spring.datasource.url", "jdbc:postgresql://db/lectern",
            "spring.datasource.password", "s3cr3t-from-a-secret",
            "lectern.gateway.cors.allowed-origins", "https://app.lectern.dev"));

    @Test
    void aSafeProductionConfigurationPasses() {
        assertThat(UnsafeSettings.find(settings::get, new String[0])).isEmpty();
    }

    @Test
    void theDevIssuerIsRefusedInProdAndStaging() {
        assertThat(UnsafeSettings.find(settings::get, new String[] {"dev"})).singleElement().asString()
                .contains("'dev' profile");
        settings.put("lectern.environment", "staging");
        settings.put("lectern.security.jwt.issuer", "http://localhost:8080/auth/dev");
        assertThat(UnsafeSettings.find(settings::get, new String[0])).singleElement().asString()
                .contains("dev issuer");
    }

    @Test
    void defaultOrEmptyPasswordsAreRefused() {
        settings.put("spring.datasource.password", "postgres");
        settings.put("spring.rabbitmq.host", "rabbitmq");
        assertThat(UnsafeSettings.find(settings::get, new String[0])).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("spring.datasource.password"))
                .anySatisfy(p -> assertThat(p).startsWith("spring.rabbitmq.password"));
    }

    @Test
    void aWildcardCorsOriginIsRefused() {
        settings.put("lectern.gateway.cors.allowed-origins", "https://app.lectern.dev, *");
        assertThat(UnsafeSettings.find(settings::get, new String[0])).singleElement().asString()
                .contains("wildcard");
    }

    @Test
    void aDeveloperMachineMayUseAnything() {
        settings.put("lectern.environment", "dev");
        settings.put("spring.datasource.password", "");
        settings.put("lectern.gateway.cors.allowed-origins", "*");
        assertThat(UnsafeSettings.find(settings::get, new String[] {"dev"})).isEmpty();
        settings.remove("lectern.environment");
        assertThat(UnsafeSettings.find(settings::get, new String[] {"dev"})).isEmpty();
    }

    @Test
    void aServiceRefusesToStartWithUnsafeSettings() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StartupSafetyAutoConfiguration.class))
                .withPropertyValues("lectern.environment=prod", "spring.profiles.active=dev",
                        "spring.data.redis.host=redis", "spring.data.redis.password=")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                            .isInstanceOf(UnsafeConfigurationException.class)
                            .hasMessageContaining("'dev' profile").hasMessageContaining("spring.data.redis.password");
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StartupSafetyAutoConfiguration.class))
                .withPropertyValues("lectern.environment=dev", "spring.profiles.active=dev")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
