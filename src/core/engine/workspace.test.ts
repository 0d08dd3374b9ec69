import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { loadLayerFromFeatures } from './loadLayer';
import { regionTree } from './regionTree';
import { layerInfo, Workspace } from './workspace';

const square = (x: number, y: number, d = 0.001) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const feature = (id: string, x: number, code: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { BSM: id, DLBM: '0101', ZLDWDM: code, ZLDWMC: `村${code.slice(-3)}`, GDDJ: 3, ...extra },
  geometry: square(x, 30),
});
const cultivated = () =>
  loadLayerFromFeatures('cultivated', 'c.geojson', [
    feature('a', 120.0, '330102001001'),
    feature('b', 120.002, '330102001002'),
    feature('c', 120.004, '330102002001'),
  ]).layer;
const redline = () => loadLayerFromFeatures('eco-redline', 'r.geojson', [{ type: 'Feature', properties: { HXBM: 'R1' }, geometry: square(120.0005, 30, 0.003) }]).layer;

describe('regionTree', () => {
  it('county → township → village with parents, names from the table or ZLDWMC, extents merged', () => {
    const t = regionTree([cultivated(), redline()], { '330102001': '清波街道' });
    expect(t.map((r) => [r.level, r.code, r.name, r.parent])).toEqual([
      ['county', '330102', '330102', undefined],
      ['township', '330102001', '清波街道', '330102'],
      ['village', '330102001001', '村001', '330102001'],
      ['village', '330102001002', '村002', '330102001'],
      ['township', '330102002', '330102002', '330102'],
      ['village', '330102002001', '村001', '330102002'],
    ]);
    const county = t[0].bbox;
    expect(county[0]).toBeCloseTo(120.0, 9);
    expect(county[2]).toBeCloseTo(120.005, 9);
  });
});

describe('Workspace', () => {
  it('keeps layers in load order; replacing keeps the place, removing drops it', () => {
    const ws = new Workspace();
    const c = cultivated();
    const r = redline();
    ws.add('c', c);
    ws.add('r', r);
    ws.add('c', c);
    expect(ws.entries().map(([id]) => id)).toEqual(['c', 'r']);
    expect(ws.remove('c')).toBe(true);
    expect(ws.remove('c')).toBe(false);
    expect(ws.layers()).toEqual([r]);
  });

  it('a layer left out of the totals stays loaded but out of layers, stats and regions', () => {
    const ws = new Workspace();
    ws.add('c', cultivated());
    ws.add('r', redline());
    expect(ws.setInTotals('c', false)).toEqual(['c']);
    expect(ws.setInTotals('nope', false)).toEqual(['c']);
    expect(ws.layers().map((l) => l.kind)).toEqual(['eco-redline']);
    expect(ws.stats(undefined, 'ellipsoidal').map((s) => s.layerId)).toEqual(['r']);
    expect(ws.regions()).toEqual([]);
    expect(ws.inspect(120.0025, 30.0005, ['c']).map((h) => h.id)).toEqual(['b']);
    expect(ws.setInTotals('c', true)).toEqual([]);
    expect(ws.entries().map(([id]) => id)).toEqual(['c', 'r']);
    ws.setInTotals('r', false);
    ws.remove('r');
    expect(ws.setInTotals('c', true)).toEqual([]);
  });

  it('stats: a region filters farmland layers, red lines count whole; areas are the parcels’ ellipsoidal areas', () => {
    const ws = new Workspace();
    const c = cultivated();
    ws.add('c', c);
    ws.add('r', redline());
    const [sc, sr] = ws.stats({ level: 'township', code: '330102001' }, 'ellipsoidal');
    expect(sc).toMatchObject({ layerId: 'c', count: 2 });
    expect(sc.areaM2).toBeCloseTo(geometryAreaEllipsoidal(square(120, 30)) + geometryAreaEllipsoidal(square(120.002, 30)), 6);
    expect(sr).toMatchObject({ layerId: 'r', count: 1 });
    const sph = ws.stats(undefined, 'spherical')[0];
    expect(sph.count).toBe(3);
    expect(Math.abs(sph.areaM2 - c.grossAreaM2) / c.grossAreaM2).toBeLessThan(0.01);
    expect(sph.areaM2).not.toBe(c.grossAreaM2);
  });

  it('inspect: the parcels under a point, top layer first; first = only the topmost', () => {
    const ws = new Workspace();
    ws.add('c', cultivated());
    ws.add('r', redline());
    const hits = ws.inspect(120.0025, 30.0005, ['r', 'c', 'missing']);
    expect(hits.map((h) => [h.layerId, h.id])).toEqual([['r', 'R1'], ['c', 'b']]);
    expect(hits[1]).toMatchObject({ dlbm: '0101', gddj: 3, zldwdm: '330102001002', pid: 1 });
    expect(ws.inspect(120.0025, 30.0005, ['r', 'c'], true)).toHaveLength(1);
  });

  it('summary and export carry the targets table and the same figures', async () => {
    const ws = new Workspace();
    ws.add('c', cultivated());
    const targets = ws.setTargets(new TextEncoder().encode('code,name,level,cultivated_mu,permanent_basic_mu\n330102,西湖,county,10,\n'), 't.csv');
    expect(targets.regions).toBe(1);
    const { summary } = ws.summary('330102');
    expect(summary.layers[0].features).toBe(3);
    expect(summary.targets.selected.lines[0].targetMu).toBe(10);
    const out = await ws.exportSummary('json', '330102', new Date('2026-01-01T00:00:00Z'));
    expect(out.file).toBe('farmland-summary-330102.json');
    const doc = JSON.parse(new TextDecoder().decode(out.bytes));
    expect(doc.metadata.inputs).toEqual([{ file: 'c.geojson', role: 'cultivated', features: 3 }, { file: 't.csv', role: 'targets' }]);
    expect(doc.metadata.generated_at).toBe('2026-01-01T00:00:00.000Z');
  });

  it('exportLayer writes the original properties; layerInfo names the styling fields', () => {
    const ws = new Workspace();
    const c = cultivated();
    ws.add('c', c);
    const out = ws.exportLayer('c');
    expect(out.file).toBe('c.geojson');
    expect(JSON.parse(out.text).features.map((f: { properties: { BSM: string } }) => f.properties.BSM)).toEqual(['a', 'b', 'c']);
    expect(layerInfo('c', c, 3)).toMatchObject({ id: 'c', count: 3, featureCount: 3, fields: { zldwdm: 'ZLDWDM', gddj: 'GDDJ' } });
  });
});
