{{/*
A Deployment and its ClusterIP Service for a service without special wiring (catalog, audit, demo-upstream).
(dict "root" $ "component" "catalog" "svc" .Values.catalog "image" "catalog-service" "env" <rendered EnvVar list>
      "kafkaMounts" true|false "operatorAuth" true|false)
*/}}
{{- define "mcp-gateway.simpleService" -}}
{{- $root := .root }}
{{- $svc := .svc }}
{{- $name := include "mcp-gateway.componentName" (dict "root" $root "component" .component) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "mcp-gateway.componentLabels" (dict "root" $root "component" .component) | nindent 4 }}
spec:
  replicas: {{ $svc.replicaCount }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "mcp-gateway.selectorLabels" (dict "root" $root "component" .component) | nindent 6 }}
  template:
    metadata:
      {{- include "mcp-gateway.podMetadata" (dict "root" $root "component" .component) | nindent 6 }}
    spec:
      {{- include "mcp-gateway.podSpecCommon" (dict "root" $root "svc" $svc) | nindent 6 }}
      containers:
        - name: {{ .component }}
          image: {{ include "mcp-gateway.image" (dict "root" $root "svc" $svc "image" .image) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ $svc.port | quote }}
            {{- with (.env | trim) }}{{- . | nindent 12 }}{{- end }}
            {{- with (include "mcp-gateway.commonEnv" $root | trim) }}{{- . | nindent 12 }}{{- end }}
            {{- with (include "mcp-gateway.extraEnv" (dict "env" $svc.env) | trim) }}{{- . | nindent 12 }}{{- end }}
          {{- include "mcp-gateway.probes" $root | nindent 10 }}
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if .kafkaMounts }}
            {{- with (include "mcp-gateway.kafkaVolumeMounts" $root | trim) }}{{- . | nindent 12 }}{{- end }}
            {{- end }}
            {{- if .operatorAuth }}
            {{- with (include "mcp-gateway.operatorAuthVolumeMounts" $root | trim) }}{{- . | nindent 12 }}{{- end }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
        {{- if .kafkaMounts }}
        {{- with (include "mcp-gateway.kafkaVolumes" $root | trim) }}{{- . | nindent 8 }}{{- end }}
        {{- end }}
        {{- if .operatorAuth }}
        {{- with (include "mcp-gateway.operatorAuthVolumes" $root | trim) }}{{- . | nindent 8 }}{{- end }}
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "mcp-gateway.componentLabels" (dict "root" $root "component" .component) | nindent 4 }}
  {{- with $svc.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $svc.service.type }}
  selector:
    {{- include "mcp-gateway.selectorLabels" (dict "root" $root "component" .component) | nindent 4 }}
  ports:
    - name: http
      port: {{ $svc.service.port }}
      targetPort: http
      protocol: TCP
{{- end }}
