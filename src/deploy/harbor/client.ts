import type { HarborArtifact, HarborProject, HarborRetentionPolicy, HarborRule } from './types.js';

export interface HarborSettings {
  /** The Harbor URL, e.g. https://harbor.example.com (its API is under /api/v2.0). */
  url: string;
  /** The registry host whose images live in this Harbor; the URL's host unless set. */
  registry: string;
  username?: string;
  password?: string;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 20;
const BY_NAME = { 'x-is-resource-name': 'true' };

/** Harbor said no (`status`), or could not be reached (`status` 0). */
export class HarborError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * A client of Harbor's v2.0 API with the operator's (robot) account: reads for the retention
 * forecast, and the immutable-tag-rule writes of protection. Harbor is named by the operator, not
 * by repository content, so it is not behind the SSRF guard; answers are capped by a timeout and
 * by page count, and redirects are refused so the credentials stay on that host.
 */
export class HarborClient {
  constructor(
    private readonly settings: HarborSettings,
    private readonly timeoutMs = 15_000,
  ) {}

  get registry(): string {
    return this.settings.registry;
  }

  get url(): string {
    return this.settings.url;
  }

  project(name: string): Promise<HarborProject> {
    return this.call('GET', `/projects/${encodeURIComponent(name)}`, BY_NAME);
  }

  /** Every project the account can see (for `imagepin protect --remove` without `--project`). */
  projects(): Promise<HarborProject[]> {
    return this.pages('/projects?');
  }

  retention(id: string): Promise<HarborRetentionPolicy> {
    return this.call('GET', `/retentions/${encodeURIComponent(id)}`);
  }

  /** Every immutable-tag rule of a project (Harbor pages them, 10 by default). */
  immutableRules(project: string): Promise<HarborRule[]> {
    return this.pages(`/projects/${encodeURIComponent(project)}/immutabletagrules?`, BY_NAME);
  }

  /** CreateImmuRule: Harbor answers 201 with the new rule's URL in `Location`. */
  async createImmutableRule(project: string, rule: HarborRule): Promise<void> {
    await this.call('POST', `/projects/${encodeURIComponent(project)}/immutabletagrules`, BY_NAME, rule);
  }

  /** UpdateImmuRule: replaces the rule's selectors (and its disabled flag). */
  async updateImmutableRule(project: string, id: number, rule: HarborRule): Promise<void> {
    await this.call('PUT', `/projects/${encodeURIComponent(project)}/immutabletagrules/${id}`, BY_NAME, { ...rule, id });
  }

  async deleteImmutableRule(project: string, id: number): Promise<void> {
    await this.call('DELETE', `/projects/${encodeURIComponent(project)}/immutabletagrules/${id}`, BY_NAME);
  }

  /** Every artifact of a repository with its tags and push time; Harbor wants a slash in the name encoded twice. */
  artifacts(project: string, repository: string): Promise<HarborArtifact[]> {
    const name = encodeURIComponent(encodeURIComponent(repository));
    return this.pages(`/projects/${encodeURIComponent(project)}/repositories/${name}/artifacts?with_tag=true&`);
  }

  private async pages<T>(path: string, headers: Record<string, string> = {}): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const batch = await this.call<T[]>('GET', `${path}page=${page}&page_size=${PAGE_SIZE}`, headers);
      out.push(...batch);
      if (batch.length < PAGE_SIZE) break;
    }
    return out;
  }

  private async call<T>(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<T> {
    const { username, password, url } = this.settings;
    const auth: Record<string, string> = username ? { authorization: `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}` } : {};
    const where = path.split('?')[0];
    let response: Response;
    try {
      response = await fetch(`${url.replace(/\/+$/, '')}/api/v2.0${path}`, {
        method,
        headers: { accept: 'application/json', ...auth, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new HarborError(`Harbor could not be reached for ${method} ${where} (${cause})`, 0);
    }
    if (!response.ok) {
      const said = await response.text().then((t) => /"message"\s*:\s*"([^"]{1,200})"/.exec(t)?.[1], () => undefined);
      const hint = response.status === 401 ? 'check IMAGEPIN_HARBOR_USERNAME and IMAGEPIN_HARBOR_PASSWORD (a robot account that can read the project)'
        : response.status === 403 && where!.includes('/immutabletagrules') ? "give the robot account the project's immutable-tag permissions (list, create, update, delete)"
        : response.status === 403 ? 'give the robot account read access to the project'
        : response.status === 404 ? undefined : said;
      throw new HarborError(`Harbor answered HTTP ${response.status} for ${method === 'GET' ? '' : `${method} `}${where}${hint ? `: ${hint}` : ''}`, response.status);
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The operator's Harbor: IMAGEPIN_HARBOR_URL (+ _REGISTRY, _USERNAME, _PASSWORD); undefined when unset. */
export function harborFromEnv(env: NodeJS.ProcessEnv): HarborClient | undefined {
  if (!env.IMAGEPIN_HARBOR_URL) return undefined;
  return new HarborClient({ url: env.IMAGEPIN_HARBOR_URL, registry: env.IMAGEPIN_HARBOR_REGISTRY ?? new URL(env.IMAGEPIN_HARBOR_URL).host, username: env.IMAGEPIN_HARBOR_USERNAME, password: env.IMAGEPIN_HARBOR_PASSWORD });
}
