package dev.lectern.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.marcnuri.helm.Helm;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the chart (real Helm engine through helm-java) and the kustomize overlays (kubectl kustomize), writes
 * each output under target/rendered and reads it back as plain maps. Results are cached per JVM.
 */
final class Manifests {

	static final Path K8S = Path.of(System.getProperty("lectern.k8s.dir", "../k8s")).toAbsolutePath().normalize();

	static final Path CHART = K8S.resolve("helm/lectern");

	static final Path OUT = Path.of(System.getProperty("lectern.out.dir", "target/rendered")).toAbsolutePath();

	static final Path NODE_DIR = Path.of(System.getProperty("lectern.node.dir", "src/test/node")).toAbsolutePath();

	static final String NAMESPACE = "lectern";

	/** Helm environments: a values file each; "prod-gpu" is prod with the optional GPU worker switched on. */
	static final List<String> HELM_ENVIRONMENTS = List.of("dev", "staging", "prod", "prod-gpu");

	static final List<String> KUSTOMIZE_OVERLAYS = List.of("dev", "staging", "prod", "prod-secondary");

	private static final Map<String, Path> RENDERED = new ConcurrentHashMap<>();

	private Manifests() {
	}

	static synchronized Path helmTemplate(String environment) {
		return RENDERED.computeIfAbsent("helm-" + environment, name -> {
			String valuesEnv = environment.equals("prod-gpu") ? "prod" : environment;
			var template = new Helm(CHART).template()
				.withName("lectern")
				.withNamespace(NAMESPACE)
				.withKubeVersion("1.33.0")
				.withValuesFile(CHART.resolve("values-" + valuesEnv + ".yaml"));
			if (environment.equals("prod-gpu")) {
				template = template.set("gpuWorker.enabled", true)
					.set("gpuWorker.replicas", 2)
					.set("gpuWorker.autoscaling.enabled", true)
					.set("gpuWorker.autoscaling.minReplicas", 2)
					.set("gpuWorker.autoscaling.maxReplicas", 4)
					.set("gpuWorker.keda.enabled", true);
			}
			return write(name, template.call());
		});
	}

	static synchronized Path kustomize(String overlay) {
		return RENDERED.computeIfAbsent("kustomize-" + overlay, name -> {
			ProcessResult result = run(List.of("kubectl", "kustomize", K8S.resolve("infra/overlays/" + overlay).toString()),
					K8S);
			if (result.exitCode() != 0) {
				throw new IllegalStateException("kubectl kustomize " + overlay + " failed:\n" + result.stderr());
			}
			return write(name, result.stdout());
		});
	}

	static List<Map<String, Object>> load(Path file) {
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> parse(String yaml) {
		var options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml(options).loadAll(yaml)) {
			if (document != null) {
				objects.add((Map<String, Object>) document);
			}
		}
		return objects;
	}

	static List<Map<String, Object>> helmObjects(String environment) {
		return load(helmTemplate(environment));
	}

	private static Path write(String name, String content) {
		try {
			Files.createDirectories(OUT);
			Path file = OUT.resolve(name + ".yaml");
			Files.writeString(file, content);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record ProcessResult(int exitCode, String stdout, String stderr) {
	}

	static ProcessResult run(List<String> command, Path directory) {
		try {
			Path stdout = Files.createTempFile("deploy-checks", ".out");
			Path stderr = Files.createTempFile("deploy-checks", ".err");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile())
				.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("timed out: " + command);
			}
			var result = new ProcessResult(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
			Files.delete(stdout);
			Files.delete(stderr);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
