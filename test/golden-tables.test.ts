/**
 * Golden 汇总表: test/fixtures/in/summary-county.geojson through report/standardTables.ts, compared with
 * test/fixtures/out/standard-tables.json (`REGEN=1 npx vitest run test/golden-tables.test.ts` rewrites it — review
 * the diff). Anchors independent of the engine: the county's 图斑面积 total in 亩 is Σ expected_mu (each cell was
 * built with a whole-亩 area), and every printed row adds up to its 合计 to the cent.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLayerFromGeoJson } from '../src/core/engine/loadLayer';
import { standardTables } from '../src/core/report/standardTables';

const IN = join(__dirname, 'fixtures', 'in', 'summary-county.geojson');
const OUT = join(__dirname, 'fixtures', 'out', 'standard-tables.json');

describe('golden: standard tables (汇总表)', () => {
  const bytes = readFileSync(IN);
  const layer = loadLayerFromGeoJson('cultivated', 'summary-county.geojson', bytes).layer;
  const tables = standardTables(layer);
  const text = `${JSON.stringify(tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.header), rows: t.rows })), null, 1)}\n`;

  it('matches test/fixtures/out/standard-tables.json', () => {
    if (process.env.REGEN === '1' || !existsSync(OUT)) writeFileSync(OUT, text);
    expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(OUT, 'utf8')));
  });

  it('anchors: the 土地利用现状(亩) county totals equal Σ expected_mu per county; rows add up to 合计', () => {
    const props = (JSON.parse(bytes.toString('utf8')) as { features: { properties: Record<string, unknown> }[] }).features.map((f) => f.properties);
    const t = tables.find((x) => x.name === '土地利用现状(亩)')!;
    const heads = t.columns.map((c) => c.header);
    const groups = heads.map((h, j) => (j > 3 && /^\d\d |^未填写地类$/.test(h) ? j : -1)).filter((j) => j >= 0);
    for (const r of t.rows) expect(groups.reduce((s, j) => s + Math.round((r[j] as number) * 100), 0), String(r[0])).toBe(Math.round((r[3] as number) * 100));
    for (const county of t.rows.filter((r) => r[2] === '县' && r[0] !== '未填写')) {
      const want = props.filter((p) => String(p.ZLDWDM ?? '').startsWith(String(county[0]))).reduce((s, p) => s + (p.expected_mu as number), 0);
      expect(county[3], String(county[0])).toBeCloseTo(want, 2);
    }
  });
});
