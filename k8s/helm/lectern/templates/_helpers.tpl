{{/*
Names and labels. A service's objects are named after the service (gateway-service, ...), as in the runtime
contract, so LECTERN_CONTENT_URI and friends are the same in every environment.
*/}}

{{- define "lectern.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lectern.baseLabels" -}}
helm.sh/chart: {{ include "lectern.chart" . }}
app.kubernetes.io/part-of: lectern
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
lectern.dev/environment: {{ .Values.global.environment }}
{{- end -}}

{{- define "lectern.commonLabels" -}}
{{ include "lectern.baseLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* selector labels of one workload; call with (dict "root" $ "w" $workload) */}}
{{- define "lectern.selectorLabels" -}}
app.kubernetes.io/name: {{ .w.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "lectern.labels" -}}
{{ include "lectern.baseLabels" .root }}
{{ include "lectern.selectorLabels" . }}
app.kubernetes.io/component: {{ .w.component }}
{{- end -}}

{{/*
The workloads: every enabled service plus the optional GPU worker, which is the worker with gpuWorker's
overrides. Rendered as YAML and read back with fromYaml, so every template iterates over the same list.
*/}}
{{- define "lectern.workloads" -}}
{{- $out := dict -}}
{{- range $key, $svc := .Values.services -}}
{{- if $svc.enabled -}}
{{- $w := deepCopy $svc -}}
{{- $_ := set $w "name" (printf "%s-service" $key) -}}
{{- $_ := set $w "component" $key -}}
{{- $_ := set $w "gpus" 0 -}}
{{- $_ := set $out $key $w -}}
{{- end -}}
{{- end -}}
{{- if and .Values.gpuWorker.enabled .Values.services.worker.enabled -}}
{{- $gpu := deepCopy .Values.gpuWorker -}}
{{- $w := deepCopy .Values.services.worker -}}
{{- $_ := set $w "name" "worker-service-gpu" -}}
{{- $_ := set $w "component" "worker-gpu" -}}
{{- $_ := set $w "replicas" $gpu.replicas -}}
{{- $_ := set $w "resources" $gpu.resources -}}
{{- $_ := set $w "autoscaling" $gpu.autoscaling -}}
{{- $_ := set $w "keda" (merge (deepCopy $gpu.keda) (deepCopy .Values.services.worker.keda)) -}}
{{- $_ := set $w "gpus" $gpu.gpus -}}
{{- $_ := set $w "nodeSelector" $gpu.nodeSelector -}}
{{- $_ := set $w "tolerations" $gpu.tolerations -}}
{{- $_ := set $w "configName" "worker-service" -}}
{{- $_ := set $out "workerGpu" $w -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* image reference: registry/repository:tag[@digest]; tag defaults to the chart's appVersion */}}
{{- define "lectern.image" -}}
{{- $tag := .w.image.tag | default .root.Values.global.image.tag | default .root.Chart.AppVersion -}}
{{- if eq (toString $tag) "latest" -}}
{{- fail (printf "%s: the image tag 'latest' is not allowed" .w.name) -}}
{{- end -}}
{{- $ref := printf "%s/%s:%s" .root.Values.global.image.registry .w.image.repository $tag -}}
{{- if .w.image.digest -}}
{{- $ref = printf "%s@%s" $ref .w.image.digest -}}
{{- end -}}
{{- $ref -}}
{{- end -}}

{{/* true when the workload scales through an HPA of its own (not through KEDA) */}}
{{- define "lectern.usesHpa" -}}
{{- if and .autoscaling.enabled (not .keda.enabled) -}}true{{- end -}}
{{- end -}}

{{/* the HPA behavior block, shared by the HPAs and KEDA's ScaledObject */}}
{{- define "lectern.hpaBehavior" -}}
{{- $b := .Values.autoscalingBehavior -}}
scaleUp:
  stabilizationWindowSeconds: {{ $b.scaleUp.stabilizationWindowSeconds }}
  selectPolicy: Max
  policies:
    - type: Percent
      value: {{ $b.scaleUp.percent }}
      periodSeconds: {{ $b.scaleUp.periodSeconds }}
    - type: Pods
      value: {{ $b.scaleUp.pods }}
      periodSeconds: {{ $b.scaleUp.periodSeconds }}
scaleDown:
  stabilizationWindowSeconds: {{ $b.scaleDown.stabilizationWindowSeconds }}
  selectPolicy: Min
  policies:
    - type: Percent
      value: {{ $b.scaleDown.percent }}
      periodSeconds: {{ $b.scaleDown.periodSeconds }}
{{- end -}}
