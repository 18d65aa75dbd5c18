package dev.lectern.deploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The infrastructure overlays build with kubectl kustomize and carry what the issue asks of them. */
class KustomizeTests {

	static final List<String> OVERLAYS = Manifests.KUSTOMIZE_OVERLAYS;

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void buildsTheInfrastructure(String overlay) {
		var objects = Manifests.load(Manifests.kustomize(overlay));
		assertThat(objects).extracting(Nodes::kind)
			.contains("Namespace", "ResourceQuota", "LimitRange", "ClusterIssuer", "Cluster", "ScheduledBackup",
					"RabbitmqCluster", "StatefulSet", "PodDisruptionBudget");
		var pg = single(objects, "Cluster");
		assertThat(Nodes.string(pg, "spec", "backup", "retentionPolicy")).matches("[0-9]+[dwm]");
		assertThat(Nodes.string(pg, "spec", "backup", "barmanObjectStore", "destinationPath")).startsWith("s3://");
		assertThat(Nodes.list(pg, "spec", "managed", "services", "additional")).extracting(s -> Nodes.string(s, "selectorType"))
			.containsExactly("ro");
		assertThat(Nodes.string(single(objects, "ScheduledBackup"), "spec", "cluster", "name")).isEqualTo("lectern-pg");
		var redisConf = Nodes.string(objects.stream()
			.filter(o -> "ConfigMap".equals(Nodes.kind(o)) && "lectern-redis".equals(Nodes.name(o)))
			.findFirst()
			.orElseThrow(), "data", "redis.conf");
		assertThat(redisConf).contains("appendonly yes", "maxmemory 768mb", "maxmemory-policy allkeys-lru");
		assertThat(Nodes.string(single(objects, "RabbitmqCluster"), "spec", "rabbitmq", "additionalConfig"))
			.contains("default_queue_type = quorum");
	}

	@Test
	void productionRunsThreeOfEverythingWithASynchronousReplica() {
		var objects = Manifests.load(Manifests.kustomize("prod"));
		var pg = single(objects, "Cluster");
		assertThat(Nodes.integer(pg, "spec", "instances")).isEqualTo(3);
		assertThat(Nodes.integer(pg, "spec", "postgresql", "synchronous", "number")).isEqualTo(1);
		assertThat(Nodes.integer(single(objects, "RabbitmqCluster"), "spec", "replicas")).isEqualTo(3);
		assertThat(Nodes.ofKind(objects, "StatefulSet")).extracting(s -> Nodes.integer(s, "spec", "replicas"))
			.containsExactly(3, 3);
	}

	@Test
	void theSecondRegionIsAReplicaClusterFedFromThePrimarysBackups() {
		var pg = single(Manifests.load(Manifests.kustomize("prod-secondary")), "Cluster");
		assertThat(Nodes.at(pg, "spec", "replica", "enabled")).isEqualTo(true);
		String source = Nodes.string(pg, "spec", "replica", "source");
		assertThat(Nodes.string(pg, "spec", "bootstrap", "recovery", "source")).isEqualTo(source);
		assertThat(Nodes.map(pg, "spec", "bootstrap")).doesNotContainKey("initdb");
		var external = Nodes.list(pg, "spec", "externalClusters");
		assertThat(external).singleElement().satisfies(e -> {
			assertThat(Nodes.string(e, "name")).isEqualTo(source);
			assertThat(Nodes.string(e, "barmanObjectStore", "serverName")).isEqualTo("lectern-pg");
		});
		assertThat(Nodes.string(pg, "spec", "backup", "barmanObjectStore", "serverName")).isNotEqualTo("lectern-pg");
	}

	private static Map<String, Object> single(List<Map<String, Object>> objects, String kind) {
		var matches = Nodes.ofKind(objects, kind);
		assertThat(matches).as(kind).hasSize(1);
		return matches.get(0);
	}

}
