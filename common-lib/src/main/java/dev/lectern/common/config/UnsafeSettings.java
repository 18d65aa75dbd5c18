package dev.lectern.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The settings a service must refuse to start with outside a developer machine. Plain logic over a property lookup,
 * so every rule is unit-tested without starting Spring.
 *
 * <p>The environment comes from {@code lectern.environment} ({@code LECTERN_ENVIRONMENT}, set by the Helm chart per
 * environment): {@code dev} (the default) allows everything; {@code staging} and {@code prod} do not allow the dev
 * token issuer, default or empty passwords, or a wildcard CORS origin.
 */
public final class UnsafeSettings {

    static final Set<String> GUARDED_ENVIRONMENTS = Set.of("staging", "prod", "production");
    static final Set<String> DEFAULT_PASSWORDS = Set.of("", "guest", "postgres", "password", "changeme", "secret",
            "admin", "minioadmin");
    static final List<String> PASSWORD_PROPERTIES = List.of("spring.datasource.password", "spring.rabbitmq.password",
            "spring.data.redis.password");
    /** Which infrastructure each password property belongs to: only checked where the service uses it. */
    static final List<String> PASSWORD_OWNERS = List.of("spring.datasource.url", "spring.rabbitmq.host",
            "spring.data.redis.host");

    private UnsafeSettings() {
    }

    /** @param property looks a property up (null when absent); @return one sentence per unsafe setting */
    public static List<String> find(Function<String, String> property, String[] activeProfiles) {
        String environment = value(property, "lectern.environment", "dev").toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (!GUARDED_ENVIRONMENTS.contains(environment)) {
            return problems;
        }
        if (Arrays.asList(activeProfiles).contains("dev")) {
            problems.add("the 'dev' profile (with its dev token issuer) is active in " + environment
                    + "; remove it from SPRING_PROFILES_ACTIVE");
        }
        String issuer = property.apply("lectern.security.jwt.issuer");
        if (issuer != null && issuer.contains("/auth/dev")) {
            problems.add("lectern.security.jwt.issuer points at the dev issuer (" + issuer + ") in " + environment
                    + "; set LECTERN_JWT_ISSUER to the real issuer");
        }
        for (int i = 0; i < PASSWORD_PROPERTIES.size(); i++) {
            if (property.apply(PASSWORD_OWNERS.get(i)) == null) {
                continue;
            }
            String password = value(property, PASSWORD_PROPERTIES.get(i), "");
            if (DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
                problems.add(PASSWORD_PROPERTIES.get(i) + " is empty or a well-known default in " + environment
                        + "; take it from the environment's Secret");
            }
        }
        String origins = property.apply("lectern.gateway.cors.allowed-origins");
        if (origins != null && Arrays.stream(origins.split(",")).map(String::strip).anyMatch(o -> o.contains("*"))) {
            problems.add("lectern.gateway.cors.allowed-origins contains a wildcard (" + origins + ") in " + environment
                    + "; list the frontend origins");
        }
        return problems;
    }

    private static String value(Function<String, String> property, String name, String fallback) {
        String value = property.apply(name);
        return value == null ? fallback : value;
    }
}
