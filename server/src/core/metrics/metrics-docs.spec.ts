import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metrics } from './metrics';

// The dashboard, the alert rules and the operations page must name only metrics the server exposes, and the page all of them.

const DOCS = join(__dirname, '../../../../docs');
const HISTOGRAM_SUFFIXES = /_(bucket|count|sum)$/;

// Postgres NOTIFY channels share the prefix ("NOTIFYs `dmflow_webhook_events`"): they are not metrics.
const NOTIFY_CHANNEL = /NOTIFYs? `(dmflow_[a-z0-9_]+)`/g;

function dmflowNamesIn(file: string): string[] {
  const text = readFileSync(join(DOCS, file), 'utf8');
  const channels = new Set([...text.matchAll(NOTIFY_CHANNEL)].map((match) => match[1]));
  return [...new Set(text.match(/\bdmflow_[a-z0-9_]+/g) ?? [])].filter((name) => !channels.has(name));
}

describe('metric names in docs/', () => {
  const metrics = new Metrics();
  const exposed = metrics.registry.getMetricsAsArray().map((metric) => metric.name);
  const isExposed = (name: string) => exposed.includes(name) || exposed.includes(name.replace(HISTOGRAM_SUFFIXES, ''));

  afterAll(() => metrics.registry.clear());

  it.each(['grafana-dashboard.json', 'alerts.yml', 'operations-and-scaling.md'])('%s names only exposed metrics', (file) => {
    expect(dmflowNamesIn(file).filter((name) => !isExposed(name))).toEqual([]);
  });

  it('operations-and-scaling.md documents every dmflow metric', () => {
    const documented = dmflowNamesIn('operations-and-scaling.md');
    expect(exposed.filter((name) => name.startsWith('dmflow_') && !documented.includes(name))).toEqual([]);
  });

  it('the dashboard is Grafana JSON with panels', () => {
    const dashboard = JSON.parse(readFileSync(join(DOCS, 'grafana-dashboard.json'), 'utf8')) as { panels: unknown[] };
    expect(dashboard.panels.length).toBeGreaterThan(10);
  });
});
