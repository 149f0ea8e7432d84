import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

export interface ChartSpec {
  name: string;
  version: string;
  appVersion?: string;
  values: string;
  subcharts?: ChartSpec[];
  /** Raw YAML appended to Chart.yaml (e.g. a dependencies list). */
  chartYaml?: string;
  /** Raw extra entries, for hostile archives. */
  extra?: (Partial<Header> & { name: string;  content?: string })[];
}

async function tarOf(entries: (Partial<Header> & { name: string;  content?: string | Buffer })[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of p) chunks.push(chunk as Buffer);
  })();
  for (const { content, ...header } of entries) {
    await new Promise<void>((resolve, reject) => p.entry(header as Header, content ?? '', (err) => (err ? reject(err) : resolve())));
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A packaged chart, as `helm package` lays it out: `<name>/Chart.yaml`, `<name>/values.yaml`, `<name>/charts/*.tgz`. */
export async function packChart(spec: ChartSpec): Promise<Buffer> {
  const chartYaml = `apiVersion: v2\nname: ${spec.name}\nversion: ${spec.version}\n${spec.appVersion ? `appVersion: "${spec.appVersion}"\n` : ''}${spec.chartYaml ?? ''}`;
  const entries: (Partial<Header> & { name: string;  content?: string | Buffer })[] = [
    { name: `${spec.name}/Chart.yaml`, content: chartYaml },
    { name: `${spec.name}/values.yaml`, content: spec.values },
    { name: `${spec.name}/templates/deployment.yaml`, content: 'image: "{{ .Values.image.repository }}"\n' },
  ];
  for (const sub of spec.subcharts ?? []) entries.push({ name: `${spec.name}/charts/${sub.name}-${sub.version}.tgz`, content: await packChart(sub) });
  entries.push(...(spec.extra ?? []));
  return gzipSync(await tarOf(entries));
}
