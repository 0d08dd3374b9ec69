/**
 * Bench part (e), issue 15: the ledger figures at county scale, side by side on the same layer — the plain
 * summary (overlaps already computed, as after load), the control-area adjustment (平差: assign, scale, largest
 * remainder to the cent) and the eight standard tables (汇总表, controlled rounding). Seeded parcels
 * (genParcels.ts); their 9-digit township codes are not spatial, so each unit's "boundary" is the bbox of its
 * parcels and every unit is adjusted (adjustFlagged) — this times the work, it does not check the figures.
 */
import { adjustLayer, type ControlUnit } from '../../src/core/analysis/adjustment';
import { summarizeLayer } from '../../src/core/analysis/summary';
import { layerOverlaps } from '../../src/core/overlay/overlaps';
import { standardTables } from '../../src/core/report/standardTables';
import { engineLoad, measure } from './benchLib';
import { generateParcels, parcelsToGeoJsonText } from './genParcels';
import { attrOf } from '../../src/core/layers/attrTable';

export interface LedgerBenchRow {
  parcels: number;
  units: number;
  summary: { wallMs: number; cpuMs: number };
  adjustment: { wallMs: number; cpuMs: number };
  tables: { wallMs: number; cpuMs: number; tables: number; rows: number };
}

const best = (runs: [number, number][]) => {
  const s = [...runs].sort((a, b) => a[0] - b[0]);
  return { wallMs: s[0][0], cpuMs: s[0][1] };
};

export function benchLedger(n: number, seed = 20_240_205, repeats = 3): LedgerBenchRow {
  const gen = generateParcels(n, seed);
  const text = parcelsToGeoJsonText(gen.features);
  gen.features = [];
  const { layer } = engineLoad('ledger-bench.geojson', new TextEncoder().encode(text));
  layerOverlaps(layer); // as after load: the summary's overlap pass is cached per layer
  const boxes = new Map<string, [number, number, number, number]>();
  for (const p of layer.parcels) {
    const code = (attrOf(p, 'zldwdm') ?? '').slice(0, 9);
    const b = boxes.get(code);
    if (!b) boxes.set(code, [...p.bbox] as [number, number, number, number]);
    else {
      b[0] = Math.min(b[0], p.bbox[0]);
      b[1] = Math.min(b[1], p.bbox[1]);
      b[2] = Math.max(b[2], p.bbox[2]);
      b[3] = Math.max(b[3], p.bbox[3]);
    }
  }
  const units: ControlUnit[] = [...boxes].map(([code, [x0, y0, x1, y1]]) => ({ code, geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } }));
  const runs = { summary: [] as [number, number][], adjustment: [] as [number, number][], tables: [] as [number, number][] };
  let tables = 0;
  let rows = 0;
  for (let r = 0; r < repeats; r++) {
    runs.summary.push(measure(() => summarizeLayer(layer)));
    runs.adjustment.push(measure(() => adjustLayer(layer, units, { adjustFlagged: true })));
    runs.tables.push(
      measure(() => {
        const t = standardTables(layer);
        tables = t.length;
        rows = t.reduce((s, x) => s + x.rows.length, 0);
      }),
    );
  }
  return { parcels: layer.parcels.length, units: units.length, summary: best(runs.summary), adjustment: best(runs.adjustment), tables: { ...best(runs.tables), tables, rows } };
}

export function ledgerTable(rows: readonly LedgerBenchRow[]): string {
  const f = (x: { wallMs: number; cpuMs: number }) => `${Math.round(x.wallMs).toLocaleString('en-US')} ms (cpu ${Math.round(x.cpuMs).toLocaleString('en-US')})`;
  const head = '| parcels | plain summary (地类面积 + 图斑面积, overlaps cached) | 平差 (units) | 汇总表 (tables, rows) | 平差 / summary | 汇总表 / summary |\n|---|---|---|---|---|---|';
  return `${head}\n${rows
    .map(
      (r) =>
        `| ${r.parcels.toLocaleString('en-US')} | ${f(r.summary)} | ${f(r.adjustment)} (${r.units}) | ${f(r.tables)} (${r.tables.tables}, ${r.tables.rows}) | ${(r.adjustment.wallMs / r.summary.wallMs).toFixed(2)} | ${(r.tables.wallMs / r.summary.wallMs).toFixed(2)} |`,
    )
    .join('\n')}`;
}
