import { parseReference } from '../../model/reference.js';
import { templatedReason } from './templated.js';

/**
 * Whether a value given to an operator under a name that is not itself an image name (an argument
 * `--executor-image`, an env variable `OPERATOR_IMAGE_NAME`) is a whole image reference. Stricter
 * than for `*_IMAGE` env names, since these names also carry repositories, registries, pull
 * policies and endpoints:
 * - no white space, no `://` (a URL), no leading `/`, `.`, `~` or `-` (a path, a flag), no `,` or
 *   `=` (a list, a setting);
 * - a templated value (`${REGISTRY}/exec:v3`) counts only with a `/`, `:` or `@` in it (it is reported as
 *   `templated`, which is true); Kubernetes' own `$(VAR)` does not parse and is not taken;
 * - otherwise it must parse and carry a tag or a digest: a repository alone (`quay.io/jetstack`)
 *   is a prefix the operator completes, not what it runs;
 * - and a name without `/` that has a `.` or is `localhost` is a `host:port` (`redis.example.com:6379`,
 *   `localhost:5000`), never an image.
 */
export function isOperandReference(text: string): boolean {
  if (text === '' || /[\s,=]/.test(text) || text.includes('://') || /^[/.~-]/.test(text)) return false;
  if (templatedReason(text)) return /[/:@]/.test(text);
  const parsed = parseReference(text);
  if (!parsed.ok || (!parsed.offsets.tag && !parsed.offsets.digest)) return false;
  const name = text.slice(...parsed.offsets.name);
  return name.includes('/') || !(name.includes('.') || name === 'localhost');
}

/**
 * Words of a flag or variable name that say the image is built, pushed, copied or cached, not run
 * (`--dest-image`, `--target-image`, `--cache-image`, `PUSH_IMAGE_NAME`, a mirroring job's
 * `--source-image`): such a name is not taken even when it ends in `image`.
 */
const NOT_RUN = new Set(['dest', 'destination', 'target', 'output', 'push', 'cache', 'mirror', 'copy', 'source', 'src']);

export const namesImageNotRun = (name: string): boolean => name.toLowerCase().split(/[-_.]/).some((word) => NOT_RUN.has(word));
