import { describe, expect, it } from 'vitest';
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { tryDifference, tryIntersect } from '../overlay/clip';
import { eachFlow } from './flows';
import { overlayVintages } from './overlay';
import { overlayPieceGeometry } from './pieceGeometry';
import { sideProps } from './pieces';
import { changeReport } from './report';
import { loadVintage } from './vintage';
import { attrOf } from '../layers/attrTable';

/** Seeded jittered grid: a partition of [x0, x0 + nx·d] × [y0, y0 + ny·d] into quads sharing their vertices. */
function jitteredGrid(seed: number, nx: number, ny: number, x0: number, y0: number, d: number, codes: string[]) {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const v: number[][][] = [];
  for (let i = 0; i <= nx; i++) {
    v.push([]);
    for (let j = 0; j <= ny; j++) {
      const inner = i > 0 && i < nx && j > 0 && j < ny;
      v[i].push([x0 + i * d + (inner ? (rnd() - 0.5) * 0.5 * d : 0), y0 + j * d + (inner ? (rnd() - 0.5) * 0.5 * d : 0)]);
    }
  }
  const features = [];
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++) {
      const ring = [v[i][j], v[i + 1][j], v[i + 1][j + 1], v[i][j + 1], v[i][j]];
      const code = codes[Math.floor(rnd() * codes.length)];
      features.push({
        type: 'Feature',
        properties: { BSM: `${seed}-${i}-${j}`, DLBM: code, KCXS: code.startsWith('01') ? Math.round(rnd() * 20) / 100 : 0, ZLDWDM: `330102${i < nx / 2 ? '001' : '002'}001` },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  return features;
}

const CODES = ['0101', '0103', '0201', '0301', '0702', '1006', '1104'];

describe('overlayVintages against a brute-force polyclip reference', () => {
  // before: 7×6 cells of ~100 m; after: 5×8 cells, shifted so each vintage has land the other lacks
  const before = loadVintage('b.geojson', jitteredGrid(7, 7, 6, 116.3, 39.9, 0.0011, CODES), '前期 before').layer;
  const after = loadVintage('a.geojson', jitteredGrid(11, 5, 8, 116.3008, 39.8995, 0.0014, CODES), '后期 after').layer;
  const pieces = overlayVintages(before, after);

  it('every pair area and every uncovered remainder matches clipping within 1e-9 relative', () => {
    expect(pieces.findings).toEqual([]);
    const got = new Map<string, number>();
    for (let k = 0; k < pieces.count; k++) got.set(`${pieces.b[k]},${pieces.a[k]}`, pieces.areaM2[k]);
    const want = new Map<string, number>();
    before.parcels.forEach((p, i) => {
      after.parcels.forEach((q, j) => {
        const c = tryIntersect(p.geometry, q.geometry);
        if (!c.ok) throw new Error(c.message);
        const a = multiPolygonAreaEllipsoidal(c.coords);
        if (a > 1e-6) want.set(`${i},${j}`, a);
      });
      const d = tryDifference(p.geometry, after.parcels.map((q) => q.geometry));
      if (!d.ok) throw new Error(d.message);
      const a = multiPolygonAreaEllipsoidal(d.coords);
      if (a > 1e-6) want.set(`${i},-1`, a);
    });
    after.parcels.forEach((q, j) => {
      const d = tryDifference(q.geometry, before.parcels.map((p) => p.geometry));
      if (!d.ok) throw new Error(d.message);
      const a = multiPolygonAreaEllipsoidal(d.coords);
      if (a > 1e-6) want.set(`-1,${j}`, a);
    });
    expect(want.size).toBeGreaterThan(60);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    // Relative 1e-9 on every piece of 10 m² or more; smaller pieces (slivers of a few m²) within 1e-8 m² absolute:
    // the reference's own vertices are intersection points rounded to doubles (≈ 1e-14°), worth ≈ 1e-9 m² of area.
    let worst = 0;
    for (const [key, a] of want) {
      const e = Math.abs((got.get(key) ?? 0) - a);
      if (a >= 10) worst = Math.max(worst, e / a);
      else expect(e, key).toBeLessThan(1e-8);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('Σ row = before total and Σ column = after total within 1e-9 (polygon and net areas)', () => {
    const rows = new Map<string, number>();
    const cols = new Map<string, number>();
    eachFlow(pieces, (f) => {
      if (f.from !== '(none)') rows.set(f.from, (rows.get(f.from) ?? 0) + f.areaM2);
      if (f.to !== '(none)') cols.set(f.to, (cols.get(f.to) ?? 0) + f.areaM2);
    }, { net: false });
    const own = (ps: typeof before.parcels) => {
      const m = new Map<string, number>();
      for (const p of ps) m.set(attrOf(p, 'dlbm')!, (m.get(attrOf(p, 'dlbm')!) ?? 0) + p.areaM2);
      return m;
    };
    for (const [c, v] of own(before.parcels)) expect(Math.abs((rows.get(c) ?? 0) - v) / v, `row ${c}`).toBeLessThan(1e-9);
    for (const [c, v] of own(after.parcels)) expect(Math.abs((cols.get(c) ?? 0) - v) / v, `column ${c}`).toBeLessThan(1e-9);
    const r = changeReport(pieces).reconciliation!;
    expect(Math.abs(r.rowsM2 - r.beforeTotalM2) / r.beforeTotalM2).toBeLessThan(1e-9);
    expect(Math.abs(r.columnsM2 - r.afterTotalM2) / r.afterTotalM2).toBeLessThan(1e-9);
    expect(r.maxClassDiffM2 / r.beforeTotalM2).toBeLessThan(1e-9);
  });

  it('sides hold no copy of their parcel’s properties; the pieces build them from the vintages when asked', () => {
    expect(pieces.before.every((s) => s.props === undefined) && pieces.after.every((s) => s.props === undefined)).toBe(true);
    const k = pieces.b.findIndex((bi, i) => bi >= 0 && pieces.a[i] >= 0);
    const b = sideProps(pieces, 'before', pieces.b[k]);
    const a = sideProps(pieces, 'after', pieces.a[k]);
    expect(b.BSM).toBe(pieces.before[pieces.b[k]].id);
    expect(a.BSM).toBe(pieces.after[pieces.a[k]].id);
    expect(Object.keys(a)).toEqual(['BSM', 'DLBM', 'KCXS', 'ZLDWDM']);
    expect(a.DLBM).toBe(pieces.after[pieces.a[k]].dlbm);
  });

  it('piece geometries have the pieces’ areas', () => {
    for (let k = 0; k < pieces.count; k += 7) {
      const g = overlayPieceGeometry(pieces, k, before, after);
      expect(g.ok).toBe(true);
      if (g.ok) expect(Math.abs(multiPolygonAreaEllipsoidal(g.coords) - pieces.areaM2[k]) / pieces.areaM2[k]).toBeLessThan(1e-9);
    }
  });

  it('reports slivers under the tolerance instead of dropping them', () => {
    const tiny = loadVintage('t.geojson', [
      { type: 'Feature', properties: { BSM: 'T1', DLBM: '0103' }, geometry: { type: 'Polygon', coordinates: [[[120, 30], [120.001, 30], [120.001, 30.001], [120, 30.001], [120, 30]]] } },
    ], '后期 after').layer;
    // the after parcel overhangs the before one by 2e-6° (≈ 0.2 m) along one side: a sliver of about 20 m²… then 1e-8°
    const shifted = loadVintage('s.geojson', [
      { type: 'Feature', properties: { BSM: 'S1', DLBM: '0103' }, geometry: { type: 'Polygon', coordinates: [[[120, 30], [120.00100002, 30], [120.00100002, 30.001], [120, 30.001], [120, 30]]] } },
    ], '前期 before').layer;
    const p = overlayVintages(tiny, shifted);
    expect(p.slivers).toHaveLength(1);
    expect(p.slivers[0].areaM2).toBeGreaterThan(0.1);
    expect(p.slivers[0].areaM2).toBeLessThan(0.5);
    const r = changeReport(p);
    expect(r.slivers.count).toBe(1);
    expect(r.slivers.list[0]).toMatchObject({ beforeId: '', afterId: 'S1' });
    expect(r.reconciliation!.rowsM2).toBeCloseTo(r.reconciliation!.beforeTotalM2, 6);
  });

  it('unchanged parcels: the same-boundary shortcut gives what the general path gives', () => {
    const features = jitteredGrid(7, 7, 6, 116.3, 39.9, 0.0011, CODES);
    // the same polygons, each ring starting at its second vertex: no longer "the same boundary", so the general path
    const rotated = features.map((f) => {
      const r = f.geometry.coordinates[0];
      return { ...f, geometry: { type: 'Polygon', coordinates: [[...r.slice(1, -1), r[0], r[1]]] } };
    });
    const v = loadVintage('v.geojson', features, '前期 before').layer;
    const same = overlayVintages(v, loadVintage('w.geojson', features, '后期 after').layer);
    const general = overlayVintages(v, loadVintage('r.geojson', rotated, '后期 after').layer);
    expect(same.count).toBe(features.length);
    expect(general.count).toBe(features.length);
    for (let k = 0; k < same.count; k++) {
      expect(same.b[k]).toBe(same.a[k]);
      expect(general.b[k]).toBe(general.a[k]);
      expect(Math.abs(general.areaM2[k] - same.areaM2[k]) / same.areaM2[k]).toBeLessThan(1e-9);
    }
  });
});
