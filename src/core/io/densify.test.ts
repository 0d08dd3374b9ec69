import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import type { AreaGeometry } from '../types';
import { densifyRing, longEdges } from './densify';
import { readImport } from './readAny';

// a thin strip in CGCS2000 GK zone 39 (EPSG:4527, zone prefix in the easting): 2 km long, diagonal to the grid,
// 10 m wide — its long edges are straight in the projection
const x0 = 39_500_000 + 160_000; // 160 km east of the central meridian (the edge of a 3° zone at 46° N)
const y0 = 5_150_000;
const strip = [[x0, y0], [x0 + 1414.2, y0 + 1414.2], [x0 + 1407.1, y0 + 1421.3], [x0 - 7.1, y0 + 7.1], [x0, y0]];
// the same strip whose north-west side was drawn with 100 short edges: only its south-east side is long
const oneLong = [[x0, y0], [x0 + 1414.2, y0 + 1414.2], ...Array.from({ length: 101 }, (_, k) => [x0 + 1407.1 - (1414.2 * k) / 100, y0 + 1421.3 - (1414.2 * k) / 100]), [x0, y0]];
const geojson = (coords: number[][]) =>
  new TextEncoder().encode(
    JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4527' } }, features: [{ type: 'Feature', properties: { BSM: 's' }, geometry: { type: 'Polygon', coordinates: [coords] } }] }),
  );

describe('edges straight in the source projection', () => {
  it('densifyRing keeps the ends and splits every segment to ≤ the length', () => {
    const r = densifyRing([[0, 0], [100, 0], [100, 30], [0, 0]], 25);
    expect(r[0]).toEqual([0, 0]);
    expect(r[r.length - 1]).toEqual([0, 0]);
    for (let i = 0; i + 1 < r.length; i++) expect(Math.hypot(r[i + 1][0] - r[i][0], r[i + 1][1] - r[i][1])).toBeLessThanOrEqual(25 + 1e-9);
    expect(r.length).toBe(1 + 4 + 2 + 5);
  });

  it('longEdges counts edges over the threshold', () => {
    expect(longEdges({ type: 'Polygon', coordinates: [strip] })).toEqual({ count: 2, longest: expect.closeTo(2000, 0) });
  });

  it('import: a projected file with long edges gets a note; --densify keeps the edges as drawn and changes the area', () => {
    const plain = readImport('strip.geojson', geojson(strip));
    const dense = readImport('strip.geojson', geojson(strip), { densifyM: 20 });
    const finer = readImport('strip.geojson', geojson(strip), { densifyM: 2 });
    const notes = plain.layers[0].findings.filter((f) => f.code === 'import.long-edges');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain('--densify');
    expect(dense.layers[0].findings.find((f) => f.code === 'import.long-edges')!.message).toContain('已按源投影中的直线');
    const area = (r: ReturnType<typeof readImport>) => geometryAreaEllipsoidal(r.layers[0].features[0].geometry as AreaGeometry);
    const a0 = area(plain);
    const a1 = area(dense);
    const a2 = area(finer);
    // the densified polygon converges (20 m vs 2 m segments agree far closer than either to the undensified one)
    expect(Math.abs(a1 / a2 - 1)).toBeLessThan(Math.abs(a0 / a2 - 1) / 50);
    // both long sides bend alike: the parallelogram's area barely moves
    expect(Math.abs(a0 / a2 - 1)).toBeLessThan(1e-6);
    const b0 = area(readImport('one.geojson', geojson(oneLong)));
    const b2 = area(readImport('one.geojson', geojson(oneLong), { densifyM: 2 }));
    console.log(
      `[densify] 2 km × 10 m diagonal strip 160 km from the central meridian (GK zone 39): both long sides straight in lon/lat ${a0.toFixed(3)} m² vs in the projection ${a2.toFixed(3)} m² (${((a0 / a2 - 1) * 100).toExponential(2)} %); one long side ${b0.toFixed(3)} vs ${b2.toFixed(3)} m² (${((b0 / b2 - 1) * 100).toFixed(4)} %)`,
    );
    expect(Math.abs(b0 / b2 - 1)).toBeGreaterThan(1e-4);
  });
});
