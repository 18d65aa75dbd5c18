package dev.lectern.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** Runs src/test/node/validate.mjs as a process and reads its JSON report. */
final class Validator {

	record Report(int exitCode, int validated, Map<String, Object> byKind, List<Map<String, Object>> findings,
			String stderr) {

		List<String> messages() {
			return findings.stream()
				.map(f -> Path.of(String.valueOf(f.get("file"))).getFileName() + " " + f.get("kind") + "/" + f.get("name")
						+ ": " + f.get("message"))
				.toList();
		}
	}

	private Validator() {
	}

	@SuppressWarnings("unchecked")
	static Report validate(List<Path> files) {
		List<String> command = new ArrayList<>(List.of("node", Manifests.NODE_DIR.resolve("validate.mjs").toString(),
				"--crds", Manifests.K8S.resolve("crds").toString()));
		files.forEach(f -> command.add(f.toString()));
		var result = Manifests.run(command, Manifests.NODE_DIR);
		if (result.exitCode() > 1 || result.stdout().isBlank()) {
			throw new IllegalStateException("validator failed (" + result.exitCode() + "):\n" + result.stderr());
		}
		// JSON is YAML
		Map<String, Object> json = new Yaml().load(result.stdout());
		return new Report(result.exitCode(), ((Number) json.get("validated")).intValue(),
				(Map<String, Object>) json.get("byKind"), (List<Map<String, Object>>) json.get("findings"),
				result.stderr());
	}

}
