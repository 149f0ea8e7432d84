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

/**
 * A read-only client of Harbor's v2.0 API with the operator's (robot) account. Harbor is named by
 * the operator, not by repository content, so it is not behind the SSRF guard; answers are
 * capped by a timeout and by page count.
 */
export class HarborClient {
  constructor(
    private readonly settings: HarborSettings,
    private readonly timeoutMs = 15_000,
  ) {}

  get registry(): string {
    return this.settings.registry;
  }

  project(name: string): Promise<HarborProject> {
    return this.get(`/projects/${encodeURIComponent(name)}`, { 'x-is-resource-name': 'true' });
  }

  retention(id: string): Promise<HarborRetentionPolicy> {
    return this.get(`/retentions/${encodeURIComponent(id)}`);
  }

  immutableRules(project: string): Promise<HarborRule[]> {
    return this.get(`/projects/${encodeURIComponent(project)}/immutabletagrules`, { 'x-is-resource-name': 'true' });
  }

  /** Every artifact of a repository with its tags and push time; Harbor wants a slash in the name encoded twice. */
  async artifacts(project: string, repository: string): Promise<HarborArtifact[]> {
    const name = encodeURIComponent(encodeURIComponent(repository));
    const out: HarborArtifact[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const batch = await this.get<HarborArtifact[]>(`/projects/${encodeURIComponent(project)}/repositories/${name}/artifacts?with_tag=true&page=${page}&page_size=${PAGE_SIZE}`);
      out.push(...batch);
      if (batch.length < PAGE_SIZE) break;
    }
    return out;
  }

  private async get<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
    const { username, password, url } = this.settings;
    const auth: Record<string, string> = username ? { authorization: `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}` } : {};
    const response = await fetch(`${url.replace(/\/+$/, '')}/api/v2.0${path}`, { headers: { accept: 'application/json', ...auth, ...headers }, signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
    if (!response.ok) {
      const hint = response.status === 401 || response.status === 403 ? ': check IMAGEPIN_HARBOR_USERNAME and IMAGEPIN_HARBOR_PASSWORD (a robot account that can read the project)' : '';
      throw new Error(`Harbor answered HTTP ${response.status} for ${path.split('?')[0]}${hint}`);
    }
    return (await response.json()) as T;
  }
}
