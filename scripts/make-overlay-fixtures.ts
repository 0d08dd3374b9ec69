/**
 * Writes the overlay golden inputs test/fixtures/in/overlay-*.json (run once; the files are committed).
 * Each input: {"name","site":FC,"supplement"?:FC,"layers":{"kind":FC,…}}. npx tsx scripts/make-overlay-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry, starRing } from '../test/overlayRandom';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'in');
type Pos = number[];
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const poly = (rings: Pos[][], props: Record<string, unknown>) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: rings } });
const rect = (x0: number, y0: number, x1: number, y1: number): Pos[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const r9 = (v: number) => Math.round(v * 1e9) / 1e9;

// 1. snapped: a 5×5 jittered grid sharing vertices (and edge midpoints); site snapped to grid nodes, plus one vertex
// on a parcel edge (a T-junction the fast path hands to polyclip)
{
  const lon0 = 116.3;
  const lat0 = 39.9;
  const d = 0.001;
  const node = (i: number, j: number): Pos => [r9(lon0 + i * d + (((i * 7 + j * 3) % 5) - 2) * 0.00005), r9(lat0 + j * d + (((i * 3 + j * 11) % 5) - 2) * 0.00005)];
  const feats = [];
  for (let j = 0; j < 5; j++)
    for (let i = 0; i < 5; i++) {
      const a = node(i, j);
      const b = node(i + 1, j);
      const c = node(i + 1, j + 1);
      const e = node(i, j + 1);
      const m: Pos = [r9((a[0] + b[0]) / 2), r9((a[1] + b[1]) / 2 - 0.00003)];
      const k = j * 5 + i;
      feats.push(poly([[a, m, b, c, e, a]], { BSM: `G${k}`, DLBM: ['0101', '0102', '0103'][k % 3], GDDJ: 1 + (k % 10), GDPDJB: 1 + (k % 4), ZLDWDM: '1101080010010000000' }));
    }
  const n = node;
  // the site runs along grid nodes 1..4 (the bottom edges' jittered midpoints are not on it: it cuts those
  // parcels), with one extra vertex in the middle of a top edge (a T-junction on the parcel edge below it)
  const top: Pos = [r9((n(1, 4)[0] + n(2, 4)[0]) / 2), r9((n(1, 4)[1] + n(2, 4)[1]) / 2)];
  const site = poly([[n(1, 1), n(2, 1), n(3, 1), n(4, 1), n(4, 2), n(4, 3), n(4, 4), n(3, 4), n(2, 4), top, n(1, 4), n(1, 3), n(1, 2), n(1, 1)]], { name: 'snapped site' });
  const pbf = [feats[5], feats[6]].map((f, i) => ({ ...f, properties: { YJJBNTTBBH: `J${i}`, GDDJ: 2 } }));
  writeFileSync(join(OUT, 'overlay-snapped.json'), `${JSON.stringify({ name: 'snapped site on a shared-vertex grid', site: fc([site]), layers: { cultivated: fc(feats), 'permanent-basic': fc(pbf) } })}\n`);
}

// 2. overlaps: duplicated and partly overlapping parcels; two overlapping site polygons and a MultiPolygon with a hole
{
  const x = 113.6;
  const y = 34.75;
  const d = 0.002;
  const feats = [
    poly([rect(x, y, x + d, y + d)], { BSM: 'O1', DLBM: '0101', GDDJ: 3, GDPDJB: 1 }),
    poly([rect(x + d / 2, y, x + 1.5 * d, y + d)], { BSM: 'O2', DLBM: '0102', GDDJ: 5, GDPDJB: 2 }),
    poly([rect(x, y, x + d, y + d)], { BSM: 'O3-dup', DLBM: '0101', GDDJ: 3, GDPDJB: 1 }),
    poly([rect(x + 0.2 * d, y + 0.3 * d, x + 0.9 * d, y + 1.4 * d)], { BSM: 'O4', DLBM: '0103', GDDJ: 8, GDPDJB: 4 }),
    poly([rect(x + 2 * d, y, x + 3 * d, y + d), rect(x + 2.3 * d, y + 0.3 * d, x + 2.6 * d, y + 0.6 * d).reverse()], { BSM: 'O5-holed', DLBM: '0101', GDDJ: 1, GDPDJB: 1 }),
  ];
  const site = [
    poly([rect(x + 0.4 * d, y - 0.2 * d, x + 1.2 * d, y + 0.8 * d)], { name: 's1' }),
    poly([rect(x + 0.9 * d, y + 0.1 * d, x + 2.45 * d, y + 1.2 * d)], { name: 's2 overlapping s1' }),
    { type: 'Feature', properties: { name: 's3 multipolygon with hole' }, geometry: { type: 'MultiPolygon', coordinates: [[rect(x - 0.5 * d, y + 1.2 * d, x + 0.5 * d, y + 2 * d), rect(x - 0.3 * d, y + 1.3 * d, x + 0.3 * d, y + 1.38 * d).reverse()], [rect(x + 2.8 * d, y + 0.8 * d, x + 3.2 * d, y + 1.1 * d)]] } },
  ];
  writeFileSync(join(OUT, 'overlay-overlaps.json'), `${JSON.stringify({ name: 'overlapping parcels, overlapping site polygons', site: fc(site), layers: { cultivated: fc(feats) } })}\n`);
}

// 3. red lines: random star parcels, red-line and boundary polygons, site partly outside the urban boundary
{
  const rnd = mulberry(4490);
  const cx = 126.6;
  const cy = 45.75;
  const parcels = [];
  for (let k = 0; k < 40; k++) {
    const px = cx + (k % 8) * 0.0022 + rnd() * 0.0004;
    const py = cy + Math.floor(k / 8) * 0.0022 + rnd() * 0.0004;
    parcels.push(poly([starRing(rnd, px, py, 0.0011, 5 + Math.floor(rnd() * 6)).map((p) => p.map(r9))], { BSM: `R${k}`, DLBM: ['0101', '0102', '0103'][k % 3], GDDJ: 1 + (k % 10), GDPDJB: 1 + (k % 5), ZLDWDM: '2301020010010000000' }));
  }
  const pbf = parcels.filter((_, k) => k % 2 === 0).map((f, i) => ({ ...f, properties: { YJJBNTTBBH: `J${i}`, GDDJ: 2 } }));
  const eco = [poly([starRing(rnd, cx + 0.004, cy + 0.004, 0.004, 40).map((p) => p.map(r9))], { HXBM: 'H1', HXMC: '湿地红线' })];
  const urban = [poly([starRing(rnd, cx + 0.012, cy + 0.006, 0.006, 60).map((p) => p.map(r9))], { GHFQDM: 'U1', GHFQMC: '中心城区' })];
  const site = [poly([starRing(rnd, cx + 0.008, cy + 0.005, 0.005, 24).map((p) => p.map(r9))], { name: 'site' })];
  const nosup = [poly([rect(cx + 0.02, cy - 0.001, cx + 0.024, cy + 0.003)], { ID: 'N1', JZYY: '河湖管理范围' })];
  const supplement = [
    poly([rect(cx + 0.019, cy, cx + 0.0215, cy + 0.002)], { BSM: 'B1', GDDJ: 2, GDPDJB: 2 }),
    poly([rect(cx + 0.0225, cy + 0.0035, cx + 0.026, cy + 0.0045)], { BSM: 'B2' }),
  ];
  writeFileSync(
    join(OUT, 'overlay-redlines.json'),
    `${JSON.stringify({ name: 'random parcels, red lines, boundaries and supplements', site: fc(site), supplement: fc(supplement), layers: { cultivated: fc(parcels), 'permanent-basic': fc(pbf), 'eco-redline': fc(eco), 'urban-boundary': fc(urban), 'no-supplement': fc(nosup) } })}\n`,
  );
}
console.log('wrote overlay fixtures to', OUT);
