package dev.lectern.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml refers to files of this repository and must agree with the Keycloak realm it imports. Neither
 * shows in {@code docker compose config}: a missing bind-mount source is created by Docker as an empty directory
 * (Keycloak then imports no realm and every token is refused), and an issuer that differs from Keycloak's by one
 * character makes every token a 401.
 */
class ComposeTests {

	static final Path DOCKER = Manifests.K8S.resolveSibling("docker");

	static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");

	@Test
	void everyBindMountedSourceExists() {
		List<String> sources = bindMountSources();
		assertThat(sources).as("bind mounts in docker/compose.yaml").isNotEmpty();
		assertThat(sources).allSatisfy(source -> assertThat(DOCKER.resolve(source).normalize())
			.as("bind-mount source %s (relative to docker/)", source)
			.exists());
	}

	@Test
	void theServicesTrustTheIssuerKeycloakPutsInItsTokens() throws IOException {
		Map<String, Object> keycloak = Nodes.map(compose(), "services", "keycloak");
		String realmFile = bindMountSources(keycloak).stream()
			.filter(source -> source.endsWith(".json"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("keycloak mounts no realm export"));
		// JSON is YAML: the same parser reads the realm export.
		String realm = Nodes.string(new Yaml().load(Files.readString(DOCKER.resolve(realmFile))), "realm");
		assertThat(realm).isEqualTo("lectern");
		String hostname = Nodes.string(keycloak, "environment", "KC_HOSTNAME");
		String issuer = defaultOf(Nodes.string(compose(), "x-service-env", "LECTERN_JWT_ISSUER"));
		assertThat(issuer).isEqualTo(hostname + "/realms/" + realm);
		String keySet = defaultOf(Nodes.string(compose(), "x-service-env", "LECTERN_JWT_JWK_SET_URI"));
		assertThat(keySet).isEqualTo("http://keycloak:8080/realms/" + realm + "/protocol/openid-connect/certs");
	}

	private static String defaultOf(String interpolated) {
		Matcher matcher = DEFAULT.matcher(interpolated);
		return matcher.matches() ? matcher.group(1) : interpolated;
	}

	private static List<String> bindMountSources() {
		List<String> sources = new ArrayList<>();
		Nodes.map(compose(), "services").values().forEach(service -> sources.addAll(bindMountSources(service)));
		return sources;
	}

	/** Short-syntax volumes whose source is a path ("./x:/y[:ro]"), not a named volume. */
	private static List<String> bindMountSources(Object service) {
		Object volumes = ((Map<?, ?>) service).get("volumes");
		if (!(volumes instanceof List<?> list)) {
			return List.of();
		}
		return list.stream()
			.filter(String.class::isInstance)
			.map(String.class::cast)
			.map(volume -> volume.substring(0, volume.indexOf(':')))
			.filter(source -> source.startsWith(".") || source.startsWith("/"))
			.toList();
	}

	private static Map<String, Object> compose() {
		try {
			return new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

}
