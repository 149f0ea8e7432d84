import type { K8sObject } from './helm.js';

type Model = { new (data: never): { validate(): void } };

// The kubernetes-models classes carry the Kubernetes OpenAPI schemas (and the prometheus-operator
// CRD schemas for ServiceMonitor and PodMonitor); validate() throws with the path of each violation.
const MODELS: Record<string, () => Promise<Model>> = {
  'apps/v1 Deployment': async () => (await import('kubernetes-models/apps/v1/Deployment')).Deployment,
  'v1 Service': async () => (await import('kubernetes-models/v1/Service')).Service,
  'v1 Secret': async () => (await import('kubernetes-models/v1/Secret')).Secret,
  'v1 ConfigMap': async () => (await import('kubernetes-models/v1/ConfigMap')).ConfigMap,
  'v1 ServiceAccount': async () => (await import('kubernetes-models/v1/ServiceAccount')).ServiceAccount,
  'networking.k8s.io/v1 Ingress': async () => (await import('kubernetes-models/networking.k8s.io/v1/Ingress')).Ingress,
  'policy/v1 PodDisruptionBudget': async () => (await import('kubernetes-models/policy/v1/PodDisruptionBudget')).PodDisruptionBudget,
  'monitoring.coreos.com/v1 ServiceMonitor': async () => (await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor')).ServiceMonitor,
  'monitoring.coreos.com/v1 PodMonitor': async () => (await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor')).PodMonitor,
};

/** Each object's schema violations as `Kind/name: message`; an unknown kind is a violation too. */
export async function schemaErrors(objects: K8sObject[]): Promise<string[]> {
  const errors: string[] = [];
  for (const object of objects) {
    const load = MODELS[`${object.apiVersion} ${object.kind}`];
    if (!load) {
      errors.push(`${object.kind}/${object.metadata.name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new (await load())(object as never).validate();
    } catch (err) {
      errors.push(`${object.kind}/${object.metadata.name}: ${(err as Error).message}`);
    }
  }
  return errors;
}
