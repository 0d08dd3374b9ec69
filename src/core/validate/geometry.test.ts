import { describe, expect, it } from 'vitest';
import { checkGeometry, distinctVertices } from './geometry';
import { FindingSink } from './messages';
import { ProjectedStats } from './projected';

const sq = (x: number, y: number, s = 0.001) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

function run(geom: unknown) {
  const sink = new FindingSink('g.geojson');
  const projected = new ProjectedStats();
  const ok = checkGeometry(geom, { index: 4, id: 'P4' }, sink, projected);
  return { ok, findings: sink.finish(), codes: sink.finish().map((f) => f.code), projected };
}

describe('checkGeometry', () => {
  it('accepts Polygon with hole and MultiPolygon, with bbox and position count', () => {
    const r = run({ type: 'Polygon', coordinates: [sq(116, 40, 0.004), sq(116.001, 40.001)] });
    expect(r.findings).toEqual([]);
    expect(r.ok?.bbox).toEqual([116, 40, 116.004, 40.004]);
    expect(r.ok?.positions).toBe(10);
    const m = run({ type: 'MultiPolygon', coordinates: [[sq(116, 40)], [sq(117, 41)]] });
    expect(m.ok?.parts).toHaveLength(2);
    expect(m.ok?.bbox).toEqual([116, 40, 117.001, 41.001]);
  });

  it.each([
    [undefined, 'geometry.missing'],
    [null, 'geometry.missing'],
    ['POLYGON((…))', 'geometry.invalid'],
    [[1, 2], 'geometry.invalid'],
    [{ type: 'Point', coordinates: [116, 40] }, 'geometry.type'],
    [{ type: 'GeometryCollection', geometries: [] }, 'geometry.type'],
    [{ type: 'toString', coordinates: [] }, 'geometry.type'],
    [{ type: 'Polygon' }, 'geometry.coordinates'],
    [{ type: 'Polygon', coordinates: [] }, 'geometry.empty'],
    [{ type: 'MultiPolygon', coordinates: [] }, 'geometry.empty'],
    [{ type: 'MultiPolygon', coordinates: [[]] }, 'geometry.empty'],
    [{ type: 'MultiPolygon', coordinates: [5] }, 'geometry.coordinates'],
    [{ type: 'Polygon', coordinates: [5] }, 'geometry.coordinates'],
    [{ type: 'Polygon', coordinates: [[]] }, 'geometry.ring-too-short'],
    [{ type: 'Polygon', coordinates: [[[116, 40], [116.1, 40], [116, 40]]] }, 'geometry.ring-too-short'],
    [{ type: 'Polygon', coordinates: [sq(116, 40).slice(0, 4)] }, 'geometry.ring-unclosed'],
    [{ type: 'Polygon', coordinates: [[[116, 40], [116.1, 40], [116.1, 40], [116, 40]]] }, 'geometry.ring-degenerate'],
    [{ type: 'Polygon', coordinates: [[[116, 40], null, [116.1, 40.1], [116, 40]]] }, 'geometry.position'],
    [{ type: 'Polygon', coordinates: [[[116, 40], ['116.1', 40], [116.1, 40.1], [116, 40]]] }, 'geometry.position'],
    [{ type: 'Polygon', coordinates: [[[116, 40], [116.1], [116.1, 40.1], [116, 40]]] }, 'geometry.position'],
    [{ type: 'Polygon', coordinates: [[[116, 40], [Number.NaN, 40], [116.1, 40.1], [116, 40]]] }, 'geometry.non-finite'],
    [{ type: 'Polygon', coordinates: [[[116, 40], [Number.POSITIVE_INFINITY, 40], [116.1, 40.1], [116, 40]]] }, 'geometry.non-finite'],
    [{ type: 'Polygon', coordinates: [[[116, 40], [1e308, 40], [116.1, 40.1], [116, 40]]] }, 'geometry.out-of-range'],
    [{ type: 'Polygon', coordinates: [[[180.5, 40], [181, 40], [181, 41], [180.5, 40]]] }, 'geometry.out-of-range'],
  ])('%j → %s, blocked', (geom, code) => {
    const r = run(geom);
    expect(r.ok).toBeUndefined();
    expect(r.codes).toContain(code);
    for (const f of r.findings) expect(f).toMatchObject({ severity: 'error', featureIndex: 4, featureId: 'P4' });
  });

  it('reports one finding per code per feature, at the first place', () => {
    const ring = [[116, 40], ...Array.from({ length: 100 }, () => [Number.NaN, 40]), [116, 40]];
    const r = run({ type: 'Polygon', coordinates: [ring, ring] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].message).toContain('ring 0 position 1');
  });

  it('names part, ring and position', () => {
    const r = run({ type: 'MultiPolygon', coordinates: [[sq(116, 40)], [sq(116, 40), sq(116, 40).slice(0, 4)]] });
    expect(r.findings[0].message).toContain('part 1 ring 1 is not closed');
  });

  it('hints at swapped lon/lat', () => {
    expect(run({ type: 'Polygon', coordinates: [sq(40, 116)] }).findings[0].message).toContain('lon and lat may be swapped');
  });

  it('counts projected-looking positions for the file instead of reporting them per feature', () => {
    const r = run({ type: 'Polygon', coordinates: [sq(39500000, 4400000, 100)] });
    expect(r.ok).toBeUndefined();
    expect(r.findings).toEqual([]);
    expect(r.projected.features).toBe(1);
    expect(r.projected.sample).toEqual([39500000, 4400000]);
  });

  it('accepts extra ordinates and flags them for the structure check', () => {
    const ring = sq(116, 40).map(([x, y]) => [x, y, 12.5]);
    expect(run({ type: 'Polygon', coordinates: [ring] }).ok?.extraOrdinates).toBe(true);
  });

  it('takes a large ring in linear time', () => {
    const n = 200_000;
    const ring = Array.from({ length: n }, (_, i) => [116 + 0.01 * Math.cos((2 * Math.PI * i) / n), 40 + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
    ring.push(ring[0]);
    const t = performance.now();
    expect(run({ type: 'Polygon', coordinates: [ring] }).ok?.positions).toBe(n + 1);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('distinctVertices', () => {
  it('drops consecutive repeats, the closing position and wrapped repeats', () => {
    expect(distinctVertices(sq(0, 0))).toBe(4);
    expect(distinctVertices([[0, 0], [0, 0], [1, 0], [1, 1], [1, 1], [0, 0]])).toBe(3);
    expect(distinctVertices([[0, 0], [1, 0], [1, 0], [0, 0], [0, 0]])).toBe(2);
  });
});
