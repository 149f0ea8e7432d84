import maxSatisfying from 'semver/ranges/max-satisfying.js';
import valid from 'semver/functions/valid.js';
import { parse } from 'yaml';
import type { RegistryClient } from '../resolver/client.js';
import { RegistryError } from '../resolver/errors.js';
import type { RegistryHttp } from '../resolver/http.js';
import { unpackChart, type ChartFiles } from './unpack.js';

export const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

/** Where a chart comes from and which version is asked for (a range is allowed). */
export interface ChartSource {
  type: 'helm' | 'oci';
  /** `https://charts.example.com` or `oci://registry/path` (the chart name is appended for OCI). */
  repoURL: string;
  chart: string;
  version: string;
}

export interface FetchedChart extends ChartFiles {
  /** The exact version fetched (a range resolves to its newest match). */
  version: string;
}

type Index = { entries?: Record<string, { version?: string; urls?: string[] }[]> };

/**
 * Fetches charts over the resolver's guarded HTTP (SSRF guard, timeouts, size caps) and its
 * registry client (auth, OCI), each chart once per instance: a (repository, name, version) never
 * changes, and a Helm repository index is read once per analysis.
 */
export class ChartFetcher {
  private readonly charts = new Map<string, Promise<FetchedChart>>();
  private readonly indexes = new Map<string, Promise<Index>>();

  constructor(
    private readonly http: RegistryHttp,
    private readonly client: RegistryClient,
    private readonly maxArchiveBytes = 16 * 1024 * 1024,
  ) {}

  fetch(source: ChartSource): Promise<FetchedChart> {
    const key = `${source.type}|${source.repoURL}|${source.chart}|${source.version}`;
    let chart = this.charts.get(key);
    if (!chart) {
      chart = source.type === 'oci' ? this.fromOci(source) : this.fromHelmRepository(source);
      chart.catch(() => this.charts.delete(key));
      this.charts.set(key, chart);
    }
    return chart;
  }

  private index(repoURL: string): Promise<Index> {
    let index = this.indexes.get(repoURL);
    if (!index) {
      index = this.http.request(`${repoURL.replace(/\/+$/, '')}/index.yaml`, { method: 'GET', kind: 'chart', maxBytes: 64 * 1024 * 1024 }).then((response) => {
        if (response.status !== 200) throw new RegistryError(response.status === 404 ? 'not-found' : 'registry-error', `chart repository ${repoURL} answered HTTP ${response.status} for index.yaml`);
        return (parse(Buffer.from(response.body).toString('utf8'), { maxAliasCount: 100, logLevel: 'error' }) ?? {}) as Index;
      });
      index.catch(() => this.indexes.delete(repoURL));
      this.indexes.set(repoURL, index);
    }
    return index;
  }

  private async fromHelmRepository(source: ChartSource): Promise<FetchedChart> {
    const entries = (await this.index(source.repoURL)).entries?.[source.chart] ?? [];
    const versions = entries.map((e) => e.version).filter((v): v is string => typeof v === 'string');
    const version = versions.includes(source.version) ? source.version : maxSatisfying(versions, source.version);
    const entry = entries.find((e) => e.version === version);
    const url = entry?.urls?.[0];
    if (!version || !url) throw new RegistryError('not-found', `chart ${source.chart} ${source.version} is not in ${source.repoURL}`);
    const response = await this.http.request(new URL(url, `${source.repoURL.replace(/\/+$/, '')}/`).href, { method: 'GET', kind: 'chart', maxBytes: this.maxArchiveBytes });
    if (response.status !== 200) throw new RegistryError('registry-error', `chart ${source.chart} ${version}: ${url} answered HTTP ${response.status}`);
    return { version, ...(await unpackChart(response.body)) };
  }

  private async fromOci(source: ChartSource): Promise<FetchedChart> {
    const path = `${source.repoURL.replace(/^oci:\/\//, '').replace(/\/+$/, '')}/${source.chart}`;
    const slash = path.indexOf('/');
    const registry = path.slice(0, slash);
    const repository = path.slice(slash + 1);
    let version = source.version;
    if (!valid(version)) {
      const tags = await this.client.tags(registry, repository);
      version = maxSatisfying(tags.filter((t) => valid(t)), source.version) ?? '';
      if (!version) throw new RegistryError('not-found', `no version of oci://${path} matches ${source.version}`);
    }
    const { body } = await this.client.get(registry, repository, version);
    const manifest = JSON.parse(Buffer.from(body).toString('utf8')) as { layers?: { mediaType?: string; digest?: string }[] };
    const layer = manifest.layers?.find((l) => l.mediaType === HELM_CHART_LAYER);
    if (!layer?.digest) throw new RegistryError('registry-error', `oci://${path}:${version} is not a Helm chart (no ${HELM_CHART_LAYER} layer)`);
    return { version, ...(await unpackChart(await this.client.blob(registry, repository, layer.digest, this.maxArchiveBytes))) };
  }
}
