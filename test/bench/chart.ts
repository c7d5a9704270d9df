// Dependency-free line charts as inline SVG, for the benchmark's HTML report.

export interface Series {
  name: string;
  points: Array<[x: number, y: number]>;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const WIDTH = 900;
const HEIGHT = 280;
const MARGIN = { left: 64, right: 16, top: 32, bottom: 40 };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A rounded step so that about five grid lines cover `max`. */
function niceStep(max: number): number {
  const raw = max / 5 || 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * magnitude).find((step) => step >= raw) ?? raw;
}

export function lineChartSvg(chart: LineChart): string {
  const all = chart.series.flatMap((series) => series.points);
  const xMax = Math.max(1, ...all.map(([x]) => x));
  const yStep = niceStep(Math.max(0, ...all.map(([, y]) => y)));
  const yMax = Math.max(yStep, Math.ceil(Math.max(0, ...all.map(([, y]) => y)) / yStep) * yStep);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + (x / xMax) * plotWidth;
  const sy = (y: number) => MARGIN.top + plotHeight - (y / yMax) * plotHeight;
  const parts: string[] = [`<text x="${MARGIN.left}" y="20" font-weight="bold">${escape(chart.title)}</text>`];
  for (let y = 0; y <= yMax + 1e-9; y += yStep) {
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${sy(y) + 4}" text-anchor="end" font-size="11">${Number(y.toPrecision(6))}</text>`);
  }
  const xStep = niceStep(xMax);
  for (let x = 0; x <= xMax + 1e-9; x += xStep) {
    parts.push(
      `<text x="${sx(x)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="11">${Number(x.toPrecision(6))}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle" font-size="12">${escape(chart.xLabel)}</text>`,
  );
  parts.push(
    `<text x="14" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${MARGIN.top + plotHeight / 2})">${escape(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, i) => {
    const color = COLORS[i % COLORS.length];
    if (series.points.length) {
      const d = series.points.map(([x, y], j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    }
    const legendX = WIDTH - MARGIN.right - 200;
    const legendY = MARGIN.top + 4 + i * 16;
    parts.push(`<rect x="${legendX}" y="${legendY - 9}" width="12" height="3" fill="${color}"/>`);
    parts.push(`<text x="${legendX + 18}" y="${legendY - 4}" font-size="11">${escape(series.name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif">${parts.join('')}</svg>`;
}

/** A self-contained HTML page: a title, a preformatted summary and the charts. */
export function htmlReport(title: string, summary: string, charts: LineChart[]): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px;font-size:12px;overflow:auto}svg{display:block;margin:16px 0}</style>
</head><body><h1>${escape(title)}</h1><pre>${escape(summary)}</pre>
${charts.map(lineChartSvg).join('\n')}
</body></html>
`;
}
