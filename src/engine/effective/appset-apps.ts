import type { ArgoHelmLayer, ImagePatch, ImageRewrite, Located } from '../../model/layers.js';
import type { EffectiveContext } from '../../model/occurrence.js';
import type { Expansion } from './generators.js';
import { render, type Params } from './template.js';

/** The context an Application source runs in: the Application, or the ApplicationSet element that makes it. */
export function appContext(app: ArgoHelmLayer): EffectiveContext {
  const base = { file: app.file, ...(app.name && { name: app.name }) };
  return app.element === undefined ? { kind: 'argocd-application', ...base } : { kind: 'applicationset-element', ...base, element: app.element };
}

/**
 * The Applications an ApplicationSet source makes, one per element it can fill: its `path`,
 * `valueFiles`, `parameters`, `kustomize.images` and the images and targets of `kustomize.patches` with the element's parameters, so that they are
 * followed over the tree as an Application's are. An element whose path or value files cannot be
 * filled is left out (which files it deploys is not known); its templated images are still `unknown`.
 */
export function elementApps(layer: ArgoHelmLayer, expansion: Expansion): ArgoHelmLayer[] {
  if (!layer.set || (layer.path === undefined && layer.valueFiles.length === 0 && layer.parameters.length === 0 && !layer.kustomizeImages && !layer.kustomizePatches)) return [];
  const goTemplate = layer.set.goTemplate;
  const out: ArgoHelmLayer[] = [];
  expansion.elements.forEach((element, index) => {
    if ('unknown' in element || (layer.generators && !layer.generators.includes(element.generator))) return;
    const params: Params = element.params;
    const fill = (text: string): string | undefined => {
      if (!text.includes('{{')) return text;
      const filled = render(text, params, goTemplate, `element ${index}`);
      return filled.unknown.length ? undefined : filled.text;
    };
    const path = layer.path === undefined ? undefined : fill(layer.path);
    // An unfilled repoURL stays as written: templated, whether it is this repository is not known.
    const repoURL = layer.repoURL === undefined ? undefined : (fill(layer.repoURL) ?? layer.repoURL);
    const valueFiles = layer.valueFiles.map((entry) => ({ ...entry, value: fill(entry.value) }));
    if ((layer.path !== undefined && path === undefined) || valueFiles.some((entry) => entry.value === undefined)) return;
    const parameters = layer.parameters.flatMap((p) => {
      const [name, value] = [fill(p.name), fill(p.value)];
      return name !== undefined && value !== undefined ? [{ ...p, name, value }] : [];
    });
    const images = layer.kustomizeImages?.flatMap((entry): ImageRewrite[] => {
      const filled = { ...entry, name: fill(entry.name) ?? '' };
      for (const key of ['newName', 'newTag', 'digest'] as const) if (entry[key] !== undefined) filled[key] = fill(entry[key]!) ?? '';
      return filled.name && !Object.values(filled).includes('') ? [filled] : [];
    });
    // A patch's image and target are filled from the element; what cannot be filled stays templated (its run is then unknown).
    const patches = layer.kustomizePatches?.map((patch): ImagePatch => {
      const target = patch.target && Object.fromEntries(Object.entries(patch.target).map(([key, value]) => [key, fill(value) ?? value]));
      return { ...patch, ...(target && { target }), sets: patch.sets.map((set) => ({ ...set, value: fill(set.value) ?? set.value })) };
    });
    const app: ArgoHelmLayer = { ...layer };
    delete app.set;
    delete app.generators;
    out.push({ ...app, element: index, valueFiles: valueFiles as Located[], parameters, ...(path !== undefined && { path }), ...(repoURL !== undefined && { repoURL }), ...(images && { kustomizeImages: images }), ...(patches && { kustomizePatches: patches }) });
  });
  return out;
}
