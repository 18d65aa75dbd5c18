package dev.lectern.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small, null-safe navigation over YAML objects read as maps and lists. */
final class Nodes {

	private Nodes() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node, String... path) {
		Object value = at(node, path);
		return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node, String... path) {
		Object value = at(node, path);
		return value instanceof List<?> l ? (List<Object>) l : List.of();
	}

	static Object at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> m)) {
				return null;
			}
			current = m.get(key);
		}
		return current;
	}

	static String string(Object node, String... path) {
		Object value = at(node, path);
		return value == null ? null : value.toString();
	}

	static Integer integer(Object node, String... path) {
		Object value = at(node, path);
		return value instanceof Number n ? n.intValue() : null;
	}

	static String kind(Map<String, Object> object) {
		return string(object, "kind");
	}

	static String name(Map<String, Object> object) {
		return string(object, "metadata", "name");
	}

	static String id(Map<String, Object> object) {
		return kind(object) + "/" + name(object);
	}

	static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
		return objects.stream().filter(o -> kind.equals(kind(o))).toList();
	}

	/** Deployments and StatefulSets. */
	static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
		return objects.stream().filter(o -> "Deployment".equals(kind(o)) || "StatefulSet".equals(kind(o))).toList();
	}

	static Map<String, Object> podSpec(Map<String, Object> workload) {
		return map(workload, "spec", "template", "spec");
	}

	static Map<String, Object> podLabels(Map<String, Object> workload) {
		return map(workload, "spec", "template", "metadata", "labels");
	}

	/** matchLabels selects the labels; a selector with matchExpressions is not understood here and matches nothing. */
	static boolean selects(Map<String, Object> selector, Map<String, Object> labels, boolean emptyMatchesAll) {
		if (!list(selector, "matchExpressions").isEmpty()) {
			return false;
		}
		Map<String, Object> matchLabels = map(selector, "matchLabels");
		if (matchLabels.isEmpty()) {
			return emptyMatchesAll;
		}
		return matchLabels.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey()))));
	}

	@SuppressWarnings("unchecked")
	static <T> T deepCopy(T node) {
		if (node instanceof Map<?, ?> m) {
			Map<String, Object> copy = new LinkedHashMap<>();
			m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
			return (T) copy;
		}
		if (node instanceof List<?> l) {
			List<Object> copy = new ArrayList<>();
			l.forEach(v -> copy.add(deepCopy(v)));
			return (T) copy;
		}
		return node;
	}

}
