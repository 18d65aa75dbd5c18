package dev.lectern.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.lectern.deploy.Nodes.at;
import static dev.lectern.deploy.Nodes.id;
import static dev.lectern.deploy.Nodes.integer;
import static dev.lectern.deploy.Nodes.list;
import static dev.lectern.deploy.Nodes.map;
import static dev.lectern.deploy.Nodes.name;
import static dev.lectern.deploy.Nodes.ofKind;
import static dev.lectern.deploy.Nodes.podLabels;
import static dev.lectern.deploy.Nodes.podSpec;
import static dev.lectern.deploy.Nodes.selects;
import static dev.lectern.deploy.Nodes.string;
import static dev.lectern.deploy.Nodes.workloads;

/**
 * Deployment policies over rendered objects. Each returns its findings (empty when the objects comply), so a
 * test can both assert a clean render and feed a broken object to see the finding.
 */
final class Policies {

	private Policies() {
	}

	record Policy(String name, Function<List<Map<String, Object>>, List<String>> check) {
		List<String> apply(List<Map<String, Object>> objects) {
			return check.apply(objects);
		}
	}

	/** Container-level policies: for the chart and for the infrastructure workloads written here. */
	static final List<Policy> CONTAINER_POLICIES = List.of(new Policy("resources", Policies::resources),
			new Policy("probes", Policies::probes), new Policy("hardening", Policies::hardening),
			new Policy("images", Policies::images));

	/** Chart-level policies (on top of the container policies). */
	static final List<Policy> CHART_POLICIES = List.of(new Policy("pdb", Policies::disruptionBudgets),
			new Policy("networkPolicy", Policies::networkPolicies), new Policy("autoscalerBounds", Policies::autoscalerBounds),
			new Policy("rollout", Policies::rollout), new Policy("serviceAccounts", Policies::serviceAccounts));

	private static List<Map<String, Object>> containers(Map<String, Object> workload, boolean withInit) {
		List<Map<String, Object>> result = new ArrayList<>();
		list(podSpec(workload), "containers").forEach(c -> result.add(map(c)));
		if (withInit) {
			list(podSpec(workload), "initContainers").forEach(c -> result.add(map(c)));
		}
		return result;
	}

	private static String where(Map<String, Object> workload, Map<String, Object> container) {
		return id(workload) + " container " + string(container, "name");
	}

	/** Every container (init containers too) requests and limits CPU and memory. */
	static List<String> resources(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		for (var workload : workloads(objects)) {
			for (var container : containers(workload, true)) {
				for (String kind : List.of("requests", "limits")) {
					for (String resource : List.of("cpu", "memory")) {
						if (at(container, "resources", kind, resource) == null) {
							findings.add(where(workload, container) + " has no " + kind + "." + resource);
						}
					}
				}
			}
		}
		return findings;
	}

	/** Every (non-init) container has startup, liveness and readiness probes. */
	static List<String> probes(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		for (var workload : workloads(objects)) {
			for (var container : containers(workload, false)) {
				for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
					if (map(container, probe).isEmpty()) {
						findings.add(where(workload, container) + " has no " + probe);
					}
				}
			}
		}
		return findings;
	}

	/**
	 * Non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, seccomp
	 * RuntimeDefault (pod or container), no service account token unless asked for.
	 */
	static List<String> hardening(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		for (var workload : workloads(objects)) {
			Map<String, Object> pod = map(podSpec(workload), "securityContext");
			for (var container : containers(workload, true)) {
				Map<String, Object> sc = map(container, "securityContext");
				String where = where(workload, container);
				if (!Boolean.TRUE.equals(first(sc.get("runAsNonRoot"), pod.get("runAsNonRoot")))) {
					findings.add(where + " may run as root (runAsNonRoot is not true)");
				}
				Object uid = first(sc.get("runAsUser"), pod.get("runAsUser"));
				if (uid instanceof Number n && n.intValue() == 0) {
					findings.add(where + " runs as UID 0");
				}
				if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
					findings.add(where + " has a writable root filesystem");
				}
				if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
					findings.add(where + " allows privilege escalation");
				}
				if (Boolean.TRUE.equals(sc.get("privileged"))) {
					findings.add(where + " is privileged");
				}
				if (!list(sc, "capabilities", "drop").contains("ALL") || !list(sc, "capabilities", "add").isEmpty()) {
					findings.add(where + " does not drop all capabilities");
				}
				if (!"RuntimeDefault".equals(first(string(sc, "seccompProfile", "type"), string(pod, "seccompProfile", "type")))) {
					findings.add(where + " has no RuntimeDefault seccomp profile");
				}
			}
		}
		return findings;
	}

	/** Every image names a tag (or digest) and the tag is not latest. */
	static List<String> images(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		for (var workload : workloads(objects)) {
			for (var container : containers(workload, true)) {
				String image = string(container, "image");
				String withoutDigest = image == null ? "" : image.split("@")[0];
				int slash = withoutDigest.lastIndexOf('/');
				int colon = withoutDigest.lastIndexOf(':');
				boolean hasDigest = image != null && image.contains("@sha256:");
				String tag = colon > slash ? withoutDigest.substring(colon + 1) : null;
				if (tag == null && !hasDigest) {
					findings.add(where(workload, container) + " image " + image + " has no tag (implicitly latest)");
				}
				else if ("latest".equals(tag)) {
					findings.add(where(workload, container) + " image " + image + " uses the latest tag");
				}
			}
		}
		return findings;
	}

	/** Every Deployment is covered by a PodDisruptionBudget whose selector matches its pods. */
	static List<String> disruptionBudgets(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		var pdbs = ofKind(objects, "PodDisruptionBudget");
		for (var deployment : ofKind(objects, "Deployment")) {
			boolean covered = pdbs.stream().anyMatch(pdb -> selects(map(pdb, "spec", "selector"), podLabels(deployment), false));
			if (!covered) {
				findings.add(id(deployment) + " has no PodDisruptionBudget");
			}
		}
		return findings;
	}

	/**
	 * Every Deployment is selected by a NetworkPolicy of its own (a non-empty pod selector), and a default-deny
	 * policy (empty selector, Ingress and Egress, no rules) exists.
	 */
	static List<String> networkPolicies(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		var policies = ofKind(objects, "NetworkPolicy");
		boolean defaultDeny = policies.stream()
			.anyMatch(p -> map(p, "spec", "podSelector").isEmpty() && list(p, "spec", "ingress").isEmpty()
					&& list(p, "spec", "egress").isEmpty()
					&& list(p, "spec", "policyTypes").containsAll(List.of("Ingress", "Egress")));
		if (!defaultDeny) {
			findings.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
		}
		for (var deployment : ofKind(objects, "Deployment")) {
			boolean selected = policies.stream()
				.anyMatch(p -> selects(map(p, "spec", "podSelector"), podLabels(deployment), false));
			if (!selected) {
				findings.add(id(deployment) + " is selected by no NetworkPolicy of its own");
			}
		}
		return findings;
	}

	/** HPA and ScaledObject: 1 <= min <= max, and their target exists. */
	static List<String> autoscalerBounds(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		var deployments = ofKind(objects, "Deployment").stream().map(Nodes::name).toList();
		for (var scaler : objects) {
			Integer min;
			Integer max;
			if ("HorizontalPodAutoscaler".equals(Nodes.kind(scaler))) {
				min = integer(scaler, "spec", "minReplicas");
				max = integer(scaler, "spec", "maxReplicas");
			}
			else if ("ScaledObject".equals(Nodes.kind(scaler))) {
				min = integer(scaler, "spec", "minReplicaCount");
				max = integer(scaler, "spec", "maxReplicaCount");
			}
			else {
				continue;
			}
			if (min == null || max == null || min < 1 || min > max) {
				findings.add(id(scaler) + " has min " + min + " and max " + max);
			}
			String target = string(scaler, "spec", "scaleTargetRef", "name");
			if (!deployments.contains(target)) {
				findings.add(id(scaler) + " targets a missing Deployment " + target);
			}
		}
		return findings;
	}

	/**
	 * Rolling update with maxUnavailable 0; preStop and terminationGracePeriodSeconds matched to the graceful
	 * shutdown of the runtime contract (preStop sleep 10 s, Spring's 25 s phase, grace >= 45 s).
	 */
	static List<String> rollout(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		for (var deployment : ofKind(objects, "Deployment")) {
			if (!"RollingUpdate".equals(string(deployment, "spec", "strategy", "type"))
					|| !"0".equals(string(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"))) {
				findings.add(id(deployment) + " is not a rolling update with maxUnavailable 0");
			}
			Integer grace = integer(podSpec(deployment), "terminationGracePeriodSeconds");
			for (var container : containers(deployment, false)) {
				Integer sleep = integer(container, "lifecycle", "preStop", "sleep", "seconds");
				if (sleep == null || sleep < 5) {
					findings.add(where(deployment, container) + " has no preStop sleep of at least 5 s");
				}
				else if (grace == null || grace < 45 || grace < sleep + 25 + 5) {
					findings.add(id(deployment) + " terminationGracePeriodSeconds " + grace
							+ " does not cover preStop " + sleep + " s + 25 s shutdown");
				}
			}
		}
		return findings;
	}

	/** One ServiceAccount per Deployment, without token automount. */
	static List<String> serviceAccounts(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		var accounts = ofKind(objects, "ServiceAccount");
		List<String> used = new ArrayList<>();
		for (var deployment : ofKind(objects, "Deployment")) {
			String account = string(podSpec(deployment), "serviceAccountName");
			var sa = accounts.stream().filter(a -> java.util.Objects.equals(name(a), account)).findFirst();
			if (account == null || sa.isEmpty()) {
				findings.add(id(deployment) + " has no ServiceAccount of its own");
				continue;
			}
			if (used.contains(account)) {
				findings.add(id(deployment) + " shares ServiceAccount " + account);
			}
			used.add(account);
			if (!Boolean.FALSE.equals(at(podSpec(deployment), "automountServiceAccountToken"))
					|| !Boolean.FALSE.equals(at(sa.get(), "automountServiceAccountToken"))) {
				findings.add(id(deployment) + " mounts a service account token");
			}
		}
		return findings;
	}

	/** Production: every Deployment runs at least two replicas (its own count, or its autoscaler's minimum). */
	static List<String> productionReplicas(List<Map<String, Object>> objects) {
		List<String> findings = new ArrayList<>();
		for (var deployment : ofKind(objects, "Deployment")) {
			Integer replicas = integer(deployment, "spec", "replicas");
			Integer scalerMin = objects.stream()
				.filter(o -> name(deployment).equals(string(o, "spec", "scaleTargetRef", "name")))
				.map(o -> first(integer(o, "spec", "minReplicas"), integer(o, "spec", "minReplicaCount")))
				.filter(java.util.Objects::nonNull)
				.findFirst()
				.orElse(null);
			int effective = scalerMin != null ? scalerMin : (replicas != null ? replicas : 1);
			if (effective < 2) {
				findings.add(id(deployment) + " runs " + effective + " replica(s) in production");
			}
		}
		return findings;
	}

	@SafeVarargs
	private static <T> T first(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
