package dev.lectern.deploy;

import java.util.List;
import java.util.Map;

import dev.lectern.deploy.ScaleUpSimulator.ScaleUpRules;
import dev.lectern.deploy.ScaleUpSimulator.ScalingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-scaling responsiveness: from each rendered HPA's (and KEDA ScaledObject's) behavior, the time from min to
 * max replicas under a sustained load above target.
 */
class AutoscalingTests {

	/** HTTP services must reach their maximum within a minute of the autoscaler seeing the load. */
	static final int HTTP_BOUND_SECONDS = 60;

	/** Workers (queue depth) within 90 s: renders are long, but a backlog should not wait for capacity. */
	static final int WORKER_BOUND_SECONDS = 90;

	@ParameterizedTest
	@ValueSource(strings = { "staging", "prod", "prod-gpu" })
	void everyAutoscalerReachesItsMaximumInTime(String environment) {
		var objects = Manifests.helmObjects(environment);
		var scalers = objects.stream()
			.filter(o -> List.of("HorizontalPodAutoscaler", "ScaledObject").contains(Nodes.kind(o)))
			.toList();
		assertThat(scalers).isNotEmpty();
		for (var scaler : scalers) {
			boolean keda = "ScaledObject".equals(Nodes.kind(scaler));
			int min = keda ? Nodes.integer(scaler, "spec", "minReplicaCount") : Nodes.integer(scaler, "spec", "minReplicas");
			int max = keda ? Nodes.integer(scaler, "spec", "maxReplicaCount") : Nodes.integer(scaler, "spec", "maxReplicas");
			Map<String, Object> behavior = keda
					? Nodes.map(scaler, "spec", "advanced", "horizontalPodAutoscalerConfig", "behavior")
					: Nodes.map(scaler, "spec", "behavior");
			assertThat(behavior).as("%s declares its behavior", Nodes.id(scaler)).isNotEmpty();
			var result = ScaleUpSimulator.minToMax(min, max, ScaleUpRules.from(behavior));
			String target = Nodes.string(scaler, "spec", "scaleTargetRef", "name");
			int bound = target.startsWith("worker-service") ? WORKER_BOUND_SECONDS : HTTP_BOUND_SECONDS;
			System.out.printf("scale-up %s %s %s: %d -> %d replicas in %d s, steps %s%n", environment,
					Nodes.kind(scaler), target, min, max, result.seconds(), result.steps());
			assertThat(result.seconds()).as("%s %s: %d -> %d", environment, Nodes.id(scaler), min, max)
				.isLessThanOrEqualTo(bound);
			int scaleDownWindow = Nodes.integer(behavior, "scaleDown", "stabilizationWindowSeconds");
			assertThat(scaleDownWindow).as("scale-down stabilisation of %s", Nodes.id(scaler)).isGreaterThanOrEqualTo(120);
		}
	}

	@Test
	void computesTheDefaultBehaviourByHand() {
		// +100 % or +4 pods per 15 s, the larger: 3 -> 7 (t=0) -> 14 capped at 12 (t=15)
		var rules = new ScaleUpRules(0, "Max",
				List.of(new ScalingPolicy("Percent", 100, 15), new ScalingPolicy("Pods", 4, 15)));
		var result = ScaleUpSimulator.minToMax(3, 12, rules);
		assertThat(result.steps()).extracting(ScaleUpSimulator.Step::replicas).containsExactly(3, 7, 12);
		assertThat(result.seconds()).isEqualTo(15);
	}

	@Test
	void countsPodsAddedWithinThePeriod() {
		// one pod per minute: 1 -> 2 (t=0) -> 3 (t=60) -> 4 (t=120); syncs at 15, 30, 45 are held by the period
		var rules = new ScaleUpRules(0, "Max", List.of(new ScalingPolicy("Pods", 1, 60)));
		assertThat(ScaleUpSimulator.minToMax(1, 4, rules).seconds()).isEqualTo(120);
	}

	@Test
	void waitsForTheStabilisationWindow() {
		// the last low recommendation (t = -15) leaves the 60 s window after t = 45
		var rules = new ScaleUpRules(60, "Max", List.of(new ScalingPolicy("Percent", 900, 15)));
		var result = ScaleUpSimulator.minToMax(2, 10, rules);
		assertThat(result.seconds()).isEqualTo(45);
		assertThat(result.steps()).hasSize(2);
	}

	@Test
	void aSlowBehaviourFailsTheBound() {
		// proves the responsiveness assertion can fail: +1 pod per 60 s from 3 to 12 takes 8 minutes
		var rules = new ScaleUpRules(0, "Max", List.of(new ScalingPolicy("Pods", 1, 60)));
		assertThat(ScaleUpSimulator.minToMax(3, 12, rules).seconds()).isEqualTo(480).isGreaterThan(HTTP_BOUND_SECONDS);
	}

}
