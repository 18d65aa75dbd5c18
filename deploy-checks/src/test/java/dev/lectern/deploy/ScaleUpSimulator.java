package dev.lectern.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays the HorizontalPodAutoscaler controller's scale-up logic (autoscaling/v2 {@code behavior}) under a load
 * that stays above target until the maximum is reached: every sync recommends maxReplicas. Follows
 * kube-controller-manager's horizontal.go: the recommendation is stabilised as the minimum over the scale-up
 * stabilisation window, then limited per policy from the replicas at the start of each policy's period
 * (Pods: +value, Percent: ×(1 + value/100) rounded up), combined by selectPolicy.
 *
 * Time starts at the first controller sync that sees the load; not counted: metric collection delay (a
 * metrics-server scrape, about 15 s) and pod start-up until ready.
 */
final class ScaleUpSimulator {

	/** kube-controller-manager's default --horizontal-pod-autoscaler-sync-period. */
	static final int SYNC_PERIOD_SECONDS = 15;

	record ScalingPolicy(String type, int value, int periodSeconds) {
	}

	record ScaleUpRules(int stabilizationWindowSeconds, String selectPolicy, List<ScalingPolicy> policies) {

		static ScaleUpRules from(Map<String, Object> behavior) {
			Map<String, Object> up = Nodes.map(behavior, "scaleUp");
			// the API's defaults when scaleUp is absent: no window, max of +100 % and +4 pods per 15 s
			if (up.isEmpty()) {
				return new ScaleUpRules(0, "Max",
						List.of(new ScalingPolicy("Percent", 100, 15), new ScalingPolicy("Pods", 4, 15)));
			}
			List<ScalingPolicy> policies = Nodes.list(up, "policies")
				.stream()
				.map(p -> new ScalingPolicy(Nodes.string(p, "type"), Nodes.integer(p, "value"), Nodes.integer(p, "periodSeconds")))
				.toList();
			Integer window = Nodes.integer(up, "stabilizationWindowSeconds");
			String select = Nodes.string(up, "selectPolicy");
			return new ScaleUpRules(window == null ? 0 : window, select == null ? "Max" : select, policies);
		}
	}

	record Step(int atSeconds, int replicas) {
	}

	record Result(int seconds, List<Step> steps) {
	}

	private record Event(int at, int added) {
	}

	private ScaleUpSimulator() {
	}

	static Result minToMax(int min, int max, ScaleUpRules rules) {
		if (min > max || min < 1) {
			throw new IllegalArgumentException("min " + min + " max " + max);
		}
		if ("Disabled".equals(rules.selectPolicy()) || rules.policies().isEmpty()) {
			throw new IllegalArgumentException("scale-up is disabled: max is never reached");
		}
		int replicas = min;
		List<Step> steps = new ArrayList<>(List.of(new Step(0, min)));
		// recommendations before the load arrived were the current replica count
		List<int[]> recommendations = new ArrayList<>();
		for (int t = -rules.stabilizationWindowSeconds() - SYNC_PERIOD_SECONDS; t < 0; t += SYNC_PERIOD_SECONDS) {
			recommendations.add(new int[] { t, min });
		}
		List<Event> events = new ArrayList<>();
		for (int now = 0; now <= 24 * 3600; now += SYNC_PERIOD_SECONDS) {
			if (replicas == max) {
				return new Result(steps.get(steps.size() - 1).atSeconds(), steps);
			}
			int sync = now;
			recommendations.add(new int[] { sync, max });
			int cutoff = sync - rules.stabilizationWindowSeconds();
			int stabilised = recommendations.stream()
				.filter(r -> r[0] > cutoff || r[0] == sync)
				.mapToInt(r -> r[1])
				.min()
				.orElse(max);
			int limit = limit(replicas, now, events, rules);
			int next = Math.min(Math.min(stabilised, limit), max);
			if (next > replicas) {
				events.add(new Event(now, next - replicas));
				replicas = next;
				steps.add(new Step(now, replicas));
			}
		}
		throw new IllegalStateException("max not reached within a day");
	}

	private static int limit(int current, int now, List<Event> events, ScaleUpRules rules) {
		boolean max = !"Min".equals(rules.selectPolicy());
		int result = max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
		for (ScalingPolicy policy : rules.policies()) {
			int cutoff = now - policy.periodSeconds();
			int added = events.stream().filter(e -> e.at() > cutoff).mapToInt(Event::added).sum();
			int periodStart = current - added;
			int proposed = switch (policy.type()) {
				case "Pods" -> periodStart + policy.value();
				case "Percent" -> (int) Math.ceil(periodStart * (1 + policy.value() / 100.0));
				default -> throw new IllegalArgumentException("policy type " + policy.type());
			};
			result = max ? Math.max(result, proposed) : Math.min(result, proposed);
		}
		return result;
	}

}
