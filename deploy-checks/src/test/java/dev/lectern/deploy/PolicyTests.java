package dev.lectern.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment policies hold for every rendered environment, and each one reports a broken object. */
class PolicyTests {

	static final List<String> ENVIRONMENTS = Manifests.HELM_ENVIRONMENTS;

	static final List<String> OVERLAYS = Manifests.KUSTOMIZE_OVERLAYS;

	@ParameterizedTest
	@FieldSource("ENVIRONMENTS")
	void theChartCompliesWithEveryPolicy(String environment) {
		var objects = Manifests.helmObjects(environment);
		List<String> findings = new ArrayList<>();
		Policies.CONTAINER_POLICIES.forEach(p -> findings.addAll(p.apply(objects)));
		Policies.CHART_POLICIES.forEach(p -> findings.addAll(p.apply(objects)));
		if (environment.startsWith("prod")) {
			findings.addAll(Policies.productionReplicas(objects));
		}
		assertThat(findings).isEmpty();
		assertThat(Nodes.workloads(objects)).hasSizeGreaterThanOrEqualTo(5);
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void theInfrastructureWorkloadsComplyWithTheContainerPolicies(String overlay) {
		var objects = Manifests.load(Manifests.kustomize(overlay));
		List<String> findings = new ArrayList<>();
		Policies.CONTAINER_POLICIES.forEach(p -> findings.addAll(p.apply(objects)));
		assertThat(findings).isEmpty();
		assertThat(Nodes.ofKind(objects, "StatefulSet")).hasSize(2);
	}

	// ---- each policy fails on a broken object ----

	@Test
	void reportsAContainerWithoutLimits() {
		assertThat(Policies.resources(broken("gateway-service", c -> Nodes.map(c, "resources").remove("limits"))))
			.containsExactly("Deployment/gateway-service container gateway-service has no limits.cpu",
					"Deployment/gateway-service container gateway-service has no limits.memory");
	}

	@Test
	void reportsAContainerWithoutRequests() {
		assertThat(Policies.resources(broken("video-service", c -> Nodes.map(c, "resources", "requests").remove("memory"))))
			.containsExactly("Deployment/video-service container video-service has no requests.memory");
	}

	@Test
	void reportsAMissingProbe() {
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(Policies.probes(broken("content-service", c -> c.remove(probe))))
				.containsExactly("Deployment/content-service container content-service has no " + probe);
		}
	}

	@Test
	void reportsAContainerThatMayRunAsRoot() {
		var objects = broken("worker-service", c -> Nodes.map(c, "securityContext").put("runAsNonRoot", false));
		objects.stream()
			.filter(o -> "worker-service".equals(Nodes.name(o)) && "Deployment".equals(Nodes.kind(o)))
			.forEach(d -> Nodes.map(Nodes.podSpec(d), "securityContext").remove("runAsNonRoot"));
		assertThat(Policies.hardening(objects)).containsExactly(
				"Deployment/worker-service container worker-service may run as root (runAsNonRoot is not true)");
	}

	@Test
	void reportsAWritableRootFilesystemAndOtherWeakenings() {
		assertThat(Policies.hardening(broken("avatar-service", c -> {
			Map<String, Object> sc = Nodes.map(c, "securityContext");
			sc.put("readOnlyRootFilesystem", false);
			sc.remove("allowPrivilegeEscalation");
			sc.put("capabilities", Map.of("drop", List.of("NET_RAW")));
			sc.put("seccompProfile", Map.of("type", "Unconfined"));
		}))).containsExactlyInAnyOrder("Deployment/avatar-service container avatar-service has a writable root filesystem",
				"Deployment/avatar-service container avatar-service allows privilege escalation",
				"Deployment/avatar-service container avatar-service does not drop all capabilities",
				"Deployment/avatar-service container avatar-service has no RuntimeDefault seccomp profile");
	}

	@Test
	void reportsTheLatestTagAndAMissingTag() {
		assertThat(Policies.images(broken("gateway-service", c -> c.put("image", "ghcr.io/lectern/gateway-service:latest"))))
			.containsExactly("Deployment/gateway-service container gateway-service image "
					+ "ghcr.io/lectern/gateway-service:latest uses the latest tag");
		assertThat(Policies.images(broken("gateway-service", c -> c.put("image", "localhost:5000/lectern/gateway"))))
			.singleElement()
			.asString()
			.contains("has no tag");
	}

	@Test
	void reportsADeploymentWithoutDisruptionBudget() {
		var objects = new ArrayList<>(Manifests.helmObjects("prod").stream().map(Nodes::deepCopy).toList());
		objects.removeIf(o -> "PodDisruptionBudget".equals(Nodes.kind(o)) && "content-service".equals(Nodes.name(o)));
		assertThat(Policies.disruptionBudgets(objects)).containsExactly("Deployment/content-service has no PodDisruptionBudget");
	}

	@Test
	void reportsADeploymentSelectedByNoNetworkPolicy() {
		var objects = new ArrayList<>(Manifests.helmObjects("prod").stream().map(Nodes::deepCopy).toList());
		objects.removeIf(o -> "NetworkPolicy".equals(Nodes.kind(o)) && "video-service".equals(Nodes.name(o)));
		assertThat(Policies.networkPolicies(objects))
			.containsExactly("Deployment/video-service is selected by no NetworkPolicy of its own");
		objects.removeIf(o -> "NetworkPolicy".equals(Nodes.kind(o)) && "lectern-default-deny".equals(Nodes.name(o)));
		assertThat(Policies.networkPolicies(objects)).hasSize(2);
	}

	@Test
	void reportsAnAutoscalerWithMinAboveMax() {
		var objects = Manifests.helmObjects("prod").stream().map(Nodes::deepCopy).toList();
		objects.stream()
			.filter(o -> "HorizontalPodAutoscaler".equals(Nodes.kind(o)) && "gateway-service".equals(Nodes.name(o)))
			.forEach(h -> Nodes.map(h, "spec").put("minReplicas", 13));
		objects.stream()
			.filter(o -> "ScaledObject".equals(Nodes.kind(o)))
			.forEach(h -> Nodes.map(h, "spec").put("minReplicaCount", 30));
		assertThat(Policies.autoscalerBounds(objects)).containsExactly(
				"HorizontalPodAutoscaler/gateway-service has min 13 and max 12",
				"ScaledObject/worker-service has min 30 and max 20");
	}

	@Test
	void reportsFewerThanTwoReplicasInProduction() {
		assertThat(Policies.productionReplicas(Manifests.helmObjects("dev"))).hasSize(5)
			.contains("Deployment/gateway-service runs 1 replica(s) in production");
		var objects = Manifests.helmObjects("prod").stream().map(Nodes::deepCopy).toList();
		objects.stream()
			.filter(o -> "HorizontalPodAutoscaler".equals(Nodes.kind(o)) && "avatar-service".equals(Nodes.name(o)))
			.forEach(h -> Nodes.map(h, "spec").put("minReplicas", 1));
		assertThat(Policies.productionReplicas(objects)).containsExactly("Deployment/avatar-service runs 1 replica(s) in production");
	}

	@Test
	void reportsAnUnsafeRollout() {
		var objects = Manifests.helmObjects("prod").stream().map(Nodes::deepCopy).toList();
		objects.stream().filter(o -> "gateway-service".equals(Nodes.name(o)) && "Deployment".equals(Nodes.kind(o))).forEach(d -> {
			Nodes.map(d, "spec", "strategy", "rollingUpdate").put("maxUnavailable", 1);
			Nodes.podSpec(d).put("terminationGracePeriodSeconds", 30);
		});
		assertThat(Policies.rollout(objects)).containsExactly(
				"Deployment/gateway-service is not a rolling update with maxUnavailable 0",
				"Deployment/gateway-service terminationGracePeriodSeconds 30 does not cover preStop 10 s + 25 s shutdown");
	}

	@Test
	void reportsAMountedServiceAccountToken() {
		var objects = Manifests.helmObjects("prod").stream().map(Nodes::deepCopy).toList();
		objects.stream()
			.filter(o -> "content-service".equals(Nodes.name(o)) && "Deployment".equals(Nodes.kind(o)))
			.forEach(d -> Nodes.podSpec(d).remove("automountServiceAccountToken"));
		assertThat(Policies.serviceAccounts(objects)).containsExactly("Deployment/content-service mounts a service account token");
	}

	/** The prod render with one change to the named Deployment's first container. */
	private static List<Map<String, Object>> broken(String deployment, Consumer<Map<String, Object>> change) {
		var objects = Manifests.helmObjects("prod").stream().map(Nodes::deepCopy).toList();
		var target = objects.stream()
			.filter(o -> "Deployment".equals(Nodes.kind(o)) && deployment.equals(Nodes.name(o)))
			.findFirst()
			.orElseThrow();
		change.accept(Nodes.map(Nodes.list(Nodes.podSpec(target), "containers").get(0)));
		return objects;
	}

}
