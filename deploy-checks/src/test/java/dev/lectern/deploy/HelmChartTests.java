package dev.lectern.deploy;

import java.util.Map;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelmChartTests {

	static final java.util.List<String> ENVIRONMENTS = Manifests.HELM_ENVIRONMENTS;

	@Test
	void lintsStrictlyWithoutFindings() {
		var result = new Helm(Manifests.CHART).lint().strict().call();
		assertThat(result.getMessages()).as("helm lint --strict messages")
			.noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
		assertThat(result.isFailed()).as("helm lint --strict failed: %s", result.getMessages()).isFalse();
	}

	@ParameterizedTest
	@FieldSource("ENVIRONMENTS")
	void rendersEveryEnvironment(String environment) {
		var objects = Manifests.helmObjects(environment);
		assertThat(objects).extracting(o -> o.get("kind"))
			.contains("Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy",
					"Ingress", "Certificate");
		assertThat(objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).count())
			.isEqualTo(environment.equals("prod-gpu") ? 6 : 5);
	}

	@ParameterizedTest
	@FieldSource("ENVIRONMENTS")
	void publishesTheApiButNotTheActuator(String environment) {
		var paths = Manifests.helmObjects(environment).stream()
			.filter(o -> "Ingress".equals(o.get("kind")))
			.flatMap(ingress -> Nodes.list(ingress, "spec", "rules").stream())
			.flatMap(rule -> Nodes.list(rule, "http", "paths").stream())
			.toList();
		assertThat(paths).extracting(path -> Nodes.string(path, "path"))
			.contains("/api", "/graphql", "/auth", "/ws/videos", "/ws/avatars", "/actuator/health/readiness")
			.doesNotContain("/");
		// Of the actuator, only readiness (bin/smoke-test reads it through the public address), and only exactly.
		assertThat(paths).filteredOn(path -> Nodes.string(path, "path").startsWith("/actuator"))
			.singleElement()
			.satisfies(path -> {
				assertThat(Nodes.string(path, "path")).isEqualTo("/actuator/health/readiness");
				assertThat(Nodes.string(path, "pathType")).isEqualTo("Exact");
			});
	}

	/**
	 * The gateway's fixed heap (values.yaml, for the tail: docs/performance.md) must leave room in its memory limit for
	 * what lives beside the heap, and a fixed, pre-touched heap must not drive a memory-based autoscaler (its use is
	 * ~90 % of the request whatever the load, so the HPA would scale to its maximum and stay there).
	 */
	@ParameterizedTest
	@FieldSource("ENVIRONMENTS")
	void givesTheGatewayHeapRoomInItsLimitAndScalesItOnCpuOnly(String environment) {
		var objects = Manifests.helmObjects(environment);
		String options = objects.stream()
			.filter(o -> "ConfigMap".equals(Nodes.kind(o)) && Nodes.name(o).contains("gateway"))
			.map(o -> Nodes.string(o, "data", "JAVA_TOOL_OPTIONS"))
			.filter(java.util.Objects::nonNull)
			.findFirst().orElseThrow();
		var container = objects.stream()
			.filter(o -> "Deployment".equals(Nodes.kind(o)) && "gateway-service".equals(Nodes.name(o)))
			.flatMap(d -> Nodes.list(d, "spec", "template", "spec", "containers").stream())
			.findFirst().orElseThrow();
		long limit = mebibytes(Nodes.string(container, "resources", "limits", "memory"));
		var maxHeap = java.util.regex.Pattern.compile("-Xmx(\\d+)m").matcher(options);
		var maxDirect = java.util.regex.Pattern.compile("-XX:MaxDirectMemorySize=(\\d+)m").matcher(options);
		if (maxHeap.find()) {
			// Without a cap, direct memory may grow as large as the heap: the kernel, not the JVM, would stop it.
			assertThat(maxDirect.find()).as("direct memory capped beside a fixed heap in %s", environment).isTrue();
			long besides = limit - Long.parseLong(maxHeap.group(1)) - Long.parseLong(maxDirect.group(1));
			assertThat(besides).as("MiB beside heap and direct memory in %s", environment).isGreaterThanOrEqualTo(256);
			assertThat(mebibytes(Nodes.string(container, "resources", "requests", "memory"))).isEqualTo(limit);
		} else {
			assertThat(options).contains("-XX:MaxRAMPercentage=");
		}
		var metrics = objects.stream()
			.filter(o -> "HorizontalPodAutoscaler".equals(Nodes.kind(o)) && "gateway-service".equals(Nodes.name(o)))
			.flatMap(hpa -> Nodes.list(hpa, "spec", "metrics").stream())
			.map(metric -> Nodes.string(metric, "resource", "name"))
			.toList();
		// dev does not autoscale; every other environment does.
		assertThat(metrics).isEqualTo(environment.equals("dev") ? java.util.List.of() : java.util.List.of("cpu"));
	}

	private static long mebibytes(String quantity) {
		if (quantity.endsWith("Gi")) {
			return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
		}
		assertThat(quantity).endsWith("Mi");
		return Long.parseLong(quantity.substring(0, quantity.length() - 2));
	}

	@Test
	void refusesToPublishTheActuatorThroughTheSchema() {
		assertThat(render(Map.of("ingress.paths[0]", "/api", "ingress.paths[1]", "/docs"))).contains("path: /docs");
		assertThatThrownBy(() -> render(Map.of("ingress.paths[0]", "/api", "ingress.paths[1]", "/actuator")))
			.hasMessageContaining("paths");
		assertThatThrownBy(() -> render(Map.of("ingress.paths[0]", "/"))).hasMessageContaining("paths");
	}

	@Test
	void rejectsAWrongTypeThroughTheSchema() {
		assertThatThrownBy(() -> render(Map.of("services.gateway.replicas", "two"))).hasMessageContaining("replicas");
	}

	@Test
	void rejectsAnUnknownKeyThroughTheSchema() {
		assertThatThrownBy(() -> render(Map.of("services.gateway.replicaz", 2))).hasMessageContaining("replicaz");
	}

	@Test
	void rejectsTheLatestTag() {
		assertThatThrownBy(() -> render(Map.of("services.video.image.tag", "latest"))).hasMessageContaining("image/tag");
	}

	@Test
	void pinsTheImageByDigestWhenGiven() {
		String digest = "sha256:" + "a".repeat(64);
		String rendered = render(Map.of("services.video.image.tag", "1.2.3", "services.video.image.digest", digest));
		assertThat(rendered).contains("image: ghcr.io/lectern/video-service:1.2.3@" + digest);
	}

	@Test
	void defaultsTheImageTagToTheAppVersion() {
		assertThat(Manifests.helmObjects("dev").toString()).contains("image=ghcr.io/lectern/gateway-service:0.1.0,");
	}

	private static String render(Map<String, Object> sets) {
		var template = new Helm(Manifests.CHART).template()
			.withName("lectern")
			.withNamespace(Manifests.NAMESPACE)
			.withKubeVersion("1.33.0");
		for (var entry : sets.entrySet()) {
			template = template.set(entry.getKey(), entry.getValue());
		}
		return template.call();
	}

}
