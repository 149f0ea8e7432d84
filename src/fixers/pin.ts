import { formatReference, type ImageReference } from '../model/reference.js';
import type { Occurrence, Part } from '../model/occurrence.js';
import type { ReleaseOptions } from '../engine/release-options.js';
import type { Resolution } from '../resolver/types.js';
import { isLiteral, replacePart } from './parts.js';
import { insertLineAfter } from './splice.js';
import type { Edit, Fix, Skipped } from './types.js';


/**
 * Writes a new value into a field, keeping its quotes. An unquoted number (`3.10`) is replaced by a
 * quoted string, which also mends the numeric-tag problem.
 */
function setField(part: Part, value: string): Edit {
  if (part.node.style === 'single' || part.node.style === 'double') return replacePart(part, value);
  if (part.node.style === 'plain' && !/^[-+.\d]+$/.test(part.node.source)) return replacePart(part, value);
  return { start: part.node.span.start.offset, end: part.node.span.end.offset, text: JSON.stringify(value) };
}

/** The edits that write `tag` and `digest` into an occurrence, by its shape (see docs/fixes.md). */
function pinEdits(occ: Occurrence, text: string, tag: string | undefined, digest: string, tagStyle: 'tag' | 'skip'): Edit[] | string {
  const p = occ.parts;
  const tagged = tag ? `${tag}@${digest}` : digest;
  switch (occ.shape) {
    case 'string':
    case 'argocd-kustomize-image': {
      if (!isLiteral(p.repository) || !isLiteral(p.image)) return 'written as a block or escaped scalar, which imagepin does not rewrite';
      return [{ start: p.repository.span.end.offset, end: p.image.span.end.offset, text: `${tag ? `:${tag}` : ''}@${digest}` }];
    }
    case 'fields':
    case 'helm-parameters': {
      const edits: Edit[] = [];
      const digestField = p.digest ?? occ.slots?.digest;
      if (digestField && isLiteral(digestField)) {
        edits.push(setField(digestField, digest));
        if (tag && p.tag && occ.reference?.tag !== tag) edits.push(setField(p.tag, tag));
        return edits;
      }
      // No digest field: the `tag: "1.2.3@sha256:…"` convention most charts accept (configurable).
      if (tagStyle === 'skip') return 'no digest field, and pinFieldsWithoutDigest is skip';
      const tagField = p.tag ?? occ.slots?.tag;
      if (!tagField) return 'the tag comes from the chart, so there is no field to pin here (set tag and digest in the values)';
      return [setField(tagField, tagged)];
    }
    case 'implied':
      return 'the image is implied by other fields (talhelper: talosImageURL, talosVersion, kubernetesVersion), which imagepin does not rewrite';
    case 'kustomize-image':
    case 'oci-repository': {
      const edits: Edit[] = [];
      if (tag && p.tag && occ.reference?.tag !== tag) edits.push(setField(p.tag, tag));
      if (p.digest && isLiteral(p.digest)) edits.push(replacePart(p.digest, digest));
      else {
        // The digest goes on a new line beside the tag (kustomize newTag, OCIRepository ref.tag).
        const anchor = p.tag ?? (occ.shape === 'kustomize-image' ? p.repository : undefined);
        if (!anchor) return 'no ref.tag to place the digest beside';
        edits.push(insertLineAfter(text, anchor.node.span.end.offset, anchor.node.span.start.offset, `digest: ${digest}`));
      }
      return edits;
    }
  }
}

/**
 * Plans the pin of one occurrence: a floating tag becomes the release that shares its digest (or
 * stays, for a development build), and the digest is added. Already pinned, unresolved or
 * templated occurrences are skipped with the reason.
 */
export function planPin(occ: Occurrence, resolution: Resolution | undefined, text: string, tagStyle: 'tag' | 'skip' = 'tag', releases?: ReleaseOptions, devBuilds: 'pin' | 'skip' = 'pin'): Fix | Skipped | undefined {
  const ref = occ.reference;
  if (!ref || occ.skipReason || ref.digest) return undefined;
  // The file that decides is pinned: the overlay's images entry is an occurrence of its own.
  if (occ.decidedElsewhere) return { occurrence: occ, reason: occ.decidedElsewhere };
  if (resolution?.status !== 'resolved' || !resolution.digest) {
    return { occurrence: occ, reason: resolution?.error ? `unresolved: ${resolution.error.message}` : 'not resolved' };
  }
  // A moving tag goes to a release (the base's, today's, or the newest on its track), never to a frozen nightly.
  const choice = releases?.chosen ? releases[releases.chosen] : undefined;
  const devBuild = resolution.versionSource === 'development-build';
  if (devBuild && !choice && devBuilds === 'skip') return { occurrence: occ, reason: `${ref.tag ?? 'latest'} is a development build and imagepin found no release to move it to; pinning it by digest would only freeze it` };
  const release = choice?.tag ?? (resolution.versionSource === 'shared-digest' ? resolution.version : undefined);
  const digest = choice?.digest ?? resolution.digest;
  const tag = release ?? ref.tag;
  const edits = pinEdits(occ, text, tag, digest, tagStyle);
  if (typeof edits === 'string') return { occurrence: occ, reason: edits };
  const target: ImageReference = { ...ref, tag, digest };
  const chosenWhy = releases?.chosen === 'base' ? `moved to ${release}, the release the base branch had` : releases?.chosen === 'newest' ? `moved to ${release}, the newest stable release on its track (${releases.track})` : undefined;
  const why = chosenWhy && release !== ref.tag ? chosenWhy
    : release && release !== ref.tag ? `${ref.tag ?? 'latest'} is release ${release}`
      : devBuild ? `${ref.tag} is a development build: pinned as it is (frozen, not fixed: move it to a release)` : `pin ${ref.tag ?? 'latest'} to its digest`;
  return { kind: 'pin', occurrence: occ, edits, intended: formatReference(target), from: ref.canonical, to: formatReference(target), why };
}
