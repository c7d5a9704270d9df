// A strict reader of Prometheus' text exposition format (version 0.0.4): enough to check /metrics parses and to
// read a sample's value. Throws on any line the format does not allow.

export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusFamily {
  name: string;
  type: string;
  help: string;
}

export interface PrometheusText {
  families: Map<string, PrometheusFamily>;
  samples: PrometheusSample[];
  /** The value of the sample with this name whose labels include `labels` (summed if several match); 0 if none. */
  value(name: string, labels?: Record<string, string>): number;
}

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${METRIC_NAME})(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+-?\\d+)?$`);
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels in: ${line}`);
    labels[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
  return value;
}

function familyOf(name: string, families: Map<string, PrometheusFamily>): PrometheusFamily | undefined {
  if (families.has(name)) return families.get(name);
  const suffix = SUFFIXES.find((candidate) => name.endsWith(candidate));
  return suffix ? families.get(name.slice(0, -suffix.length)) : undefined;
}

export function parsePrometheusText(text: string): PrometheusText {
  const families = new Map<string, PrometheusFamily>();
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ');
      if (keyword === 'HELP') families.set(name, { name, type: families.get(name)?.type ?? 'untyped', help: rest.join(' ') });
      else if (keyword === 'TYPE') {
        if (!TYPES.has(rest[0])) throw new Error(`unknown metric type in: ${line}`);
        families.set(name, { name, type: rest[0], help: families.get(name)?.help ?? '' });
      }
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const [, name, labelText, valueText] = match;
    if (!familyOf(name, families)) throw new Error(`sample of a metric without # TYPE: ${line}`);
    samples.push({ name, labels: labelText ? parseLabels(labelText, line) : {}, value: parseValue(valueText, line) });
  }
  return {
    families,
    samples,
    value: (name, labels = {}) =>
      samples
        .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
        .reduce((sum, sample) => sum + sample.value, 0),
  };
}
