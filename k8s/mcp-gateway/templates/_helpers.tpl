{{/* ---------------------------------------------------------------- names */}}

{{- define "mcp-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mcp-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component: (dict "root" $ "component" "proxy") */}}
{{- define "mcp-gateway.componentName" -}}
{{- printf "%s-%s" (include "mcp-gateway.fullname" .root | trunc 48 | trimSuffix "-") .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mcp-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mcp-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mcp-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- labels */}}

{{- define "mcp-gateway.labels" -}}
helm.sh/chart: {{ include "mcp-gateway.chart" . }}
app.kubernetes.io/name: {{ include "mcp-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mcp-gateway
{{- end }}

{{/* Labels of one component: (dict "root" $ "component" "proxy") */}}
{{- define "mcp-gateway.componentLabels" -}}
{{ include "mcp-gateway.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector of one component: (dict "root" $ "component" "proxy") */}}
{{- define "mcp-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcp-gateway.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* ---------------------------------------------------------------- images */}}

{{/* Image of one service: (dict "root" $ "svc" .Values.proxy "image" "proxy-service") */}}
{{- define "mcp-gateway.image" -}}
{{- $img := .root.Values.image }}
{{- $repo := default (printf "%s/%s" $img.repositoryPrefix .image) .svc.image.repository }}
{{- $tag := default (default .root.Chart.AppVersion $img.tag) .svc.image.tag }}
{{- if $img.registry }}
{{- printf "%s/%s:%s" $img.registry $repo $tag }}
{{- else }}
{{- printf "%s:%s" $repo $tag }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- infrastructure endpoints */}}

{{- define "mcp-gateway.kafka.bootstrapServers" -}}
{{- if .Values.bundled.kafka.enabled }}
{{- printf "%s:9092" (include "mcp-gateway.componentName" (dict "root" . "component" "kafka")) }}
{{- else }}
{{- required "kafka.bootstrapServers is required unless bundled.kafka.enabled" .Values.kafka.bootstrapServers }}
{{- end }}
{{- end }}

{{- define "mcp-gateway.postgresql.host" -}}
{{- if .Values.bundled.postgresql.enabled }}
{{- include "mcp-gateway.componentName" (dict "root" . "component" "postgresql") }}
{{- else }}
{{- required "postgresql.host is required unless bundled.postgresql.enabled" .Values.postgresql.host }}
{{- end }}
{{- end }}

{{- define "mcp-gateway.postgresql.port" -}}
{{- if .Values.bundled.postgresql.enabled }}5432{{ else }}{{ .Values.postgresql.port }}{{ end }}
{{- end }}

{{- define "mcp-gateway.redis.hosts" -}}
{{- if .Values.bundled.redis.enabled }}
{{- printf "redis://%s:6379" (include "mcp-gateway.componentName" (dict "root" . "component" "redis")) }}
{{- else }}
{{- .Values.redis.hosts }}
{{- end }}
{{- end }}

{{/* Highest replica count a Deployment can reach: (dict "svc" .Values.policy) */}}
{{- define "mcp-gateway.maxReplicas" -}}
{{- if and .svc.autoscaling .svc.autoscaling.enabled }}{{ .svc.autoscaling.maxReplicas }}{{ else }}{{ .svc.replicaCount }}{{ end }}
{{- end }}

{{/* ---------------------------------------------------------------- environment */}}

{{/* Datasource env of one service: (dict "root" $ "db" .Values.catalog.database) */}}
{{- define "mcp-gateway.datasourceEnv" -}}
{{- $root := .root }}
{{- $pg := $root.Values.postgresql }}
{{- $hostPort := printf "%s:%s/%s" (include "mcp-gateway.postgresql.host" $root) (include "mcp-gateway.postgresql.port" $root) .db.name }}
{{- $params := ternary (printf "?%s" $pg.urlParameters) "" (ne $pg.urlParameters "") }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ printf "postgresql://%s%s" $hostPort $params | quote }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s%s" $hostPort $params | quote }}
{{- if $root.Values.bundled.postgresql.enabled }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: "mcp"
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mcp-gateway.componentName" (dict "root" $root "component" "postgresql") }}
      key: password
{{- else }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ default $pg.username .db.username | quote }}
{{- $secret := default $pg.existingSecret .db.existingSecret }}
{{- if $secret }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ default $pg.passwordKey .db.passwordKey }}
{{- end }}
{{- end }}
{{- end }}

{{/* Kafka client env (bootstrap, TLS, SASL): the root context */}}
{{- define "mcp-gateway.kafkaEnv" -}}
{{- $k := .Values.kafka }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "mcp-gateway.kafka.bootstrapServers" . | quote }}
{{- if not .Values.bundled.kafka.enabled }}
{{- if or $k.tls.enabled $k.sasl.enabled }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ if and $k.tls.enabled $k.sasl.enabled }}SASL_SSL{{ else if $k.tls.enabled }}SSL{{ else }}SASL_PLAINTEXT{{ end }}
{{- end }}
{{- if and $k.tls.enabled $k.tls.caSecret }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/mcp-gateway/kafka-ca/%s" $k.tls.caKey | quote }}
{{- end }}
{{- if $k.sasl.enabled }}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $k.sasl.mechanism "PLAIN") }}
{{- /* Not KAFKA_-prefixed: Quarkus passes every KAFKA_* variable to the Kafka client as a config key. */}}
- name: MCP_KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required "kafka.sasl.existingSecret is required when kafka.sasl.enabled" $k.sasl.existingSecret }}
      key: {{ $k.sasl.usernameKey }}
- name: MCP_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $k.sasl.existingSecret }}
      key: {{ $k.sasl.passwordKey }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $k.sasl.mechanism | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(MCP_KAFKA_SASL_USERNAME)\" password=\"$(MCP_KAFKA_SASL_PASSWORD)\";" $module | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* Kafka CA volume mount / volume (only with kafka.tls.caSecret) */}}
{{- define "mcp-gateway.kafkaVolumeMounts" -}}
{{- if and (not .Values.bundled.kafka.enabled) .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/mcp-gateway/kafka-ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "mcp-gateway.kafkaVolumes" -}}
{{- if and (not .Values.bundled.kafka.enabled) .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret }}
{{- end }}
{{- end }}

{{/* Env shared by every service: the root context */}}
{{- define "mcp-gateway.commonEnv" -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
{{- with .Values.observability.tracing.otlpEndpoint }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- /* The services may ship with the SDK disabled so that nothing is exported by default. */}}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "false"
{{- end }}
{{- with .Values.commonEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Operator access control of policy, catalog and audit (README "Operator access"): the root context */}}
{{- define "mcp-gateway.operatorAuthEnv" -}}
{{- $a := .Values.operatorAuth }}
{{- if $a.tokens.existingSecret }}
- name: OPERATOR_TOKENS_FILE
  value: {{ printf "/etc/mcp-gateway/operator-tokens/%s" $a.tokens.key | quote }}
{{- end }}
{{- if or $a.jwt.publicKeyLocation $a.jwt.issuer }}
- name: OPERATOR_JWT_PUBLIC_KEY_LOCATION
  value: {{ required "operatorAuth.jwt.publicKeyLocation is required with operatorAuth.jwt.issuer" $a.jwt.publicKeyLocation | quote }}
- name: OPERATOR_JWT_ISSUER
  value: {{ required "operatorAuth.jwt.issuer is required with operatorAuth.jwt.publicKeyLocation" $a.jwt.issuer | quote }}
- name: OPERATOR_JWT_ROLES_CLAIM
  value: {{ $a.jwt.rolesClaim | quote }}
{{- end }}
{{- end }}

{{/* The service token as the env variable `name`: (dict "root" $ "name" "PROXY_CATALOG_TOKEN") */}}
{{- define "mcp-gateway.serviceTokenEnv" -}}
{{- with .root.Values.operatorAuth.serviceToken }}
{{- if .existingSecret }}
- name: {{ $.name }}
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .key }}
{{- end }}
{{- end }}
{{- end }}

{{/* Operator token file volume mount / volume (only with operatorAuth.tokens.existingSecret) */}}
{{- define "mcp-gateway.operatorAuthVolumeMounts" -}}
{{- if .Values.operatorAuth.tokens.existingSecret }}
- name: operator-tokens
  mountPath: /etc/mcp-gateway/operator-tokens
  readOnly: true
{{- end }}
{{- end }}
{{- define "mcp-gateway.operatorAuthVolumes" -}}
{{- with .Values.operatorAuth.tokens }}
{{- if .existingSecret }}
- name: operator-tokens
  secret:
    secretName: {{ .existingSecret }}
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}
{{- end }}
{{- end }}

{{/* A service's extra env map as EnvVars: (dict "env" .Values.proxy.env) */}}
{{- define "mcp-gateway.extraEnv" -}}
{{- range $name, $value := .env }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- pod pieces */}}

{{/* Probes of a Quarkus service on its named port "http" */}}
{{- define "mcp-gateway.probes" -}}
{{- $p := .Values.probes -}}
startupProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ $p.startup.periodSeconds }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
{{- end }}

{{/* Pod-level settings shared by the services: (dict "root" $ "svc" .Values.proxy) */}}
{{- define "mcp-gateway.podSpecCommon" -}}
serviceAccountName: {{ include "mcp-gateway.serviceAccountName" .root }}
automountServiceAccountToken: false
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .svc.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .svc.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .svc.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .svc.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Pod metadata of a service: (dict "root" $ "component" "proxy" "checksum" "...") */}}
{{- define "mcp-gateway.podMetadata" -}}
labels:
  {{- include "mcp-gateway.componentLabels" (dict "root" .root "component" .component) | nindent 2 }}
  {{- with .root.Values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- if or .checksum .root.Values.podAnnotations }}
annotations:
  {{- with .checksum }}
  checksum/config: {{ . }}
  {{- end }}
  {{- with .root.Values.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- end }}

{{/* ---------------------------------------------------------------- upstreams */}}

{{/* URL of one upstream: (dict "root" $ "up" $upstream) */}}
{{- define "mcp-gateway.upstreamUrl" -}}
{{- if .up.url }}
{{- .up.url }}
{{- else if .root.Values.demoUpstream.enabled }}
{{- printf "http://%s:%v%s" (include "mcp-gateway.componentName" (dict "root" .root "component" "demo-upstream")) .root.Values.demoUpstream.service.port .root.Values.demoUpstream.path }}
{{- else }}
{{- fail "an upstream without url needs demoUpstream.enabled" }}
{{- end }}
{{- end }}

{{/* Environment variable holding one secret header: (dict "name" "smartlead" "header" "Authorization") */}}
{{- define "mcp-gateway.upstreamSecretEnvName" -}}
{{- regexReplaceAll "[^A-Z0-9_]" (printf "MCP_UPSTREAM_%s_%s" .name .header | upper) "_" }}
{{- end }}
