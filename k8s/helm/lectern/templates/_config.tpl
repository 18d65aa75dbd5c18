{{/* The ConfigMap data of one service: call with (dict "root" $ "key" $key "svc" $svc). */}}
{{- define "lectern.configData" -}}
{{- $c := .root.Values.config -}}
{{- $uses := .svc.uses -}}
LECTERN_ENVIRONMENT: {{ .root.Values.global.environment | quote }}
OTEL_JAVAAGENT_ENABLED: {{ $c.otelJavaagentEnabled | quote }}
JAVA_TOOL_OPTIONS: {{ .svc.javaToolOptions | default .root.Values.podDefaults.javaToolOptions | quote }}
{{- if has "postgres" $uses }}
POSTGRES_HOST: {{ $c.postgres.host | quote }}
POSTGRES_PORT: {{ $c.postgres.port | quote }}
POSTGRES_DB: {{ $c.postgres.database | quote }}
{{- end }}
{{- if has "redis" $uses }}
{{- if $c.redis.sentinel.enabled }}
SPRING_DATA_REDIS_SENTINEL_MASTER: {{ $c.redis.sentinel.master | quote }}
SPRING_DATA_REDIS_SENTINEL_NODES: {{ $c.redis.sentinel.nodes | quote }}
{{- end }}
REDIS_HOST: {{ $c.redis.host | quote }}
REDIS_PORT: {{ $c.redis.port | quote }}
{{- end }}
{{- if has "rabbitmq" $uses }}
RABBITMQ_HOST: {{ $c.rabbitmq.host | quote }}
RABBITMQ_PORT: {{ $c.rabbitmq.port | quote }}
{{- end }}
{{- if has "identityProvider" $uses }}
LECTERN_JWT_ISSUER: {{ $c.jwt.issuer | quote }}
LECTERN_JWT_AUDIENCE: {{ $c.jwt.audience | quote }}
LECTERN_JWT_JWK_SET_URI: {{ $c.jwt.jwkSetUri | quote }}
{{- end }}
{{- if has "objectStorage" $uses }}
LECTERN_STORAGE_TYPE: {{ $c.storage.type | quote }}
{{- if eq $c.storage.type "filesystem" }}
LECTERN_STORAGE_ROOT: "/tmp/storage"
{{- end }}
LECTERN_STORAGE_S3_ENDPOINT: {{ $c.storage.s3Endpoint | quote }}
LECTERN_STORAGE_S3_BUCKET: {{ $c.storage.s3Bucket | quote }}
{{- end }}
{{- if eq .key "gateway" }}
SPRING_PROFILES_ACTIVE: {{ $c.springProfilesActive | quote }}
LECTERN_CONTENT_URI: {{ printf "http://content-service:%v" .root.Values.services.content.port | quote }}
LECTERN_VIDEO_URI: {{ printf "http://video-service:%v" .root.Values.services.video.port | quote }}
LECTERN_AVATAR_URI: {{ printf "http://avatar-service:%v" .root.Values.services.avatar.port | quote }}
{{- end }}
{{- if eq .key "worker" }}
LECTERN_WORKER_ENCODER: {{ $c.worker.encoder | quote }}
{{- end }}
{{- range $name, $value := .svc.env }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Secret-backed variables of one workload: call with (dict "root" $ "w" $workload). */}}
{{- define "lectern.secretEnv" -}}
{{- $s := .root.Values.secrets -}}
{{- $uses := .w.uses -}}
{{- if has "postgres" $uses }}
{{- $db := required (printf "secrets.database.%s.existingSecret is required" .w.component) (get $s.database .w.component) }}
- name: POSTGRES_USER
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $s.database.usernameKey }}
- name: POSTGRES_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $s.database.passwordKey }}
{{- end }}
{{- if has "redis" $uses }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $s.redis.existingSecret }}
      key: {{ $s.redis.passwordKey }}
{{- if .root.Values.config.redis.sentinel.enabled }}
- name: SPRING_DATA_REDIS_SENTINEL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $s.redis.existingSecret }}
      key: {{ $s.redis.passwordKey }}
{{- end }}
{{- end }}
{{- if has "rabbitmq" $uses }}
- name: RABBITMQ_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $s.rabbitmq.existingSecret }}
      key: {{ $s.rabbitmq.usernameKey }}
- name: RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $s.rabbitmq.existingSecret }}
      key: {{ $s.rabbitmq.passwordKey }}
{{- end }}
{{- if has "objectStorage" $uses }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $s.objectStorage.existingSecret }}
      key: {{ $s.objectStorage.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $s.objectStorage.existingSecret }}
      key: {{ $s.objectStorage.secretAccessKeyKey }}
{{- end }}
{{- if $s.sentry.existingSecret }}
- name: SENTRY_DSN
  valueFrom:
    secretKeyRef:
      name: {{ $s.sentry.existingSecret }}
      key: {{ $s.sentry.dsnKey }}
{{- end }}
{{- end -}}
