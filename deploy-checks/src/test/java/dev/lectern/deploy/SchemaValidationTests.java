package dev.lectern.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the chart renders (each environment) and every kustomize overlay's output is validated against
 * the Kubernetes API schemas, cert-manager's and prometheus-operator's models, and the operators' own CRDs, with
 * unknown fields rejected; PrometheusRule expressions must parse as PromQL.
 */
class SchemaValidationTests {

	@Test
	void everyRenderedObjectIsValidWithNoUnknownField() {
		List<Path> files = new ArrayList<>();
		Manifests.HELM_ENVIRONMENTS.forEach(env -> files.add(Manifests.helmTemplate(env)));
		Manifests.KUSTOMIZE_OVERLAYS.forEach(overlay -> files.add(Manifests.kustomize(overlay)));

		var report = Validator.validate(files);

		System.out.printf("validated %d objects: %s%n", report.validated(), report.byKind());
		assertThat(report.messages()).as("validation findings").isEmpty();
		assertThat(report.exitCode()).isZero();
		int expected = files.stream().mapToInt(f -> Manifests.load(f).size()).sum();
		assertThat(report.validated()).isEqualTo(expected).isGreaterThan(200);
		assertThat(report.byKind()).containsKeys("Deployment", "StatefulSet", "Cluster", "ScheduledBackup",
				"RabbitmqCluster", "ScaledObject", "TriggerAuthentication", "Certificate", "ClusterIssuer", "ServiceMonitor",
				"PrometheusRule", "NetworkPolicy", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress");
	}

	@Test
	void reportsEachKindOfMistake() throws IOException {
		Path bad = Files.createDirectories(Manifests.OUT).resolve("bad-objects.yaml");
		Files.writeString(bad, """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: typo
				spec:
				  selector: {matchLabels: {a: b}}
				  template:
				    metadata: {labels: {a: b}}
				    spec:
				      containers:
				        - name: c
				          image: x:1
				          securityContext: {readOnlyRootFilesytem: true}
				---
				apiVersion: v1
				kind: Service
				metadata: {name: wrong-type}
				spec:
				  ports: [{port: "eighty"}]
				---
				apiVersion: postgresql.cnpg.io/v1
				kind: Cluster
				metadata: {name: crd-typo}
				spec:
				  instances: 3
				  storage: {size: 1Gi, sizee: 2Gi}
				---
				apiVersion: rabbitmq.com/v1beta1
				kind: RabbitmqCluster
				metadata: {name: crd-type}
				spec: {replicas: three}
				---
				apiVersion: keda.sh/v1alpha1
				kind: ScaledObject
				metadata: {name: crd-nested}
				spec:
				  scaleTargetRef: {name: x}
				  triggers: [{type: rabbitmq, metadata: {queueName: q}, authRef: {name: a}}]
				---
				apiVersion: cert-manager.io/v1
				kind: Certificate
				metadata: {name: cm-typo}
				spec:
				  secretName: s
				  issuerRef: {name: x, kindd: ClusterIssuer}
				---
				apiVersion: monitoring.coreos.com/v1
				kind: PrometheusRule
				metadata: {name: bad-promql}
				spec:
				  groups: [{name: g, rules: [{alert: A, expr: 'sum(rate(x[5m]) > 1'}]}]
				---
				apiVersion: example.com/v1
				kind: Unknown
				metadata: {name: no-schema}
				""");

		var report = Validator.validate(List.of(bad));

		assertThat(report.exitCode()).isEqualTo(1);
		assertThat(report.messages()).anyMatch(m -> m.contains("typo") && m.contains("unknown field")
				&& m.contains("readOnlyRootFilesytem"))
			.anyMatch(m -> m.contains("wrong-type") && m.contains("must be integer"))
			.anyMatch(m -> m.contains("crd-typo") && m.contains("'sizee'"))
			.anyMatch(m -> m.contains("crd-type") && m.contains("/spec/replicas must be integer"))
			.anyMatch(m -> m.contains("crd-nested") && m.contains("'authRef'"))
			.anyMatch(m -> m.contains("cm-typo") && m.contains("kindd"))
			.anyMatch(m -> m.contains("bad-promql") && m.contains("PromQL syntax error"))
			.anyMatch(m -> m.contains("no-schema") && m.contains("no schema known"));
	}

}
