{{- define "imagepin.name" -}}{{ .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "imagepin.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "imagepin.labels" -}}
app.kubernetes.io/name: {{ include "imagepin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "imagepin.selector" -}}
app.kubernetes.io/name: {{ include "imagepin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "imagepin.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "imagepin.fullname" .) .Values.serviceAccount.name }}
{{- else -}}{{ default "default" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}

{{- define "imagepin.secretName" -}}{{ default (include "imagepin.fullname" .) .Values.existingSecret }}{{- end -}}

{{/* repository:tag@digest; the tag defaults to the chart's appVersion, the digest is set by the release. */}}
{{- define "imagepin.image" -}}
{{- $ref := printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- if .Values.image.digest -}}{{ printf "%s@%s" $ref .Values.image.digest }}{{- else -}}{{ $ref }}{{- end -}}
{{- end -}}

{{/* The roles this release runs, each one Deployment: all, or web and worker. */}}
{{- define "imagepin.roles" -}}
{{- if eq .Values.mode "split" -}}web worker{{- else -}}all{{- end -}}
{{- end -}}

{{- define "imagepin.redisRequired" -}}
{{- if and (not .Values.redis.url) (not .Values.redis.existingSecret) -}}
{{- if eq .Values.mode "split" -}}{{ fail "mode: split needs Redis: set redis.url or redis.existingSecret" }}{{- end -}}
{{- if gt (int .Values.web.replicas) 1 -}}{{ fail "web.replicas > 1 needs Redis (one queue for every replica): set redis.url or redis.existingSecret" }}{{- end -}}
{{- end -}}
{{- end -}}
