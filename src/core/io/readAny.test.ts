/**
 * readAny's GeoJSON layer summaries against plain reference implementations (the ones they replaced for speed):
 * the field list with JSON types, and the extent of every position at any depth.
 */
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { fieldTypes, importErrors, readImport } from './readAny';

/** The straightforward version: Object.entries per feature, a Set of typeof per field. */
function referenceFields(feats: readonly unknown[]): { name: string; type: string }[] {
  const types = new Map<string, Set<string>>();
  for (const f of feats as Feature[]) {
    const p = f && typeof f === 'object' ? f.properties : null;
    if (!p || typeof p !== 'object') continue;
    for (const [k, v] of Object.entries(p)) {
      const s = types.get(k) ?? new Set<string>();
      types.set(k, s);
      if (v !== null && v !== undefined) s.add(typeof v);
    }
  }
  return [...types].map(([name, s]) => ({ name, type: s.size === 1 ? [...s][0] : s.size === 0 ? 'null' : 'mixed' }));
}

/** The straightforward extent: any array whose first two elements are numbers is a position. */
function referenceBBox(feats: readonly unknown[]): number[] | undefined {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else for (const x of c) walk(x);
  };
  for (const f of feats as { geometry?: unknown }[]) {
    const g = f !== null && typeof f === 'object' ? f.geometry : undefined;
    if (g !== null && typeof g === 'object' && 'coordinates' in (g as object)) walk((g as { coordinates: unknown }).coordinates);
  }
  return Number.isFinite(b[0]) ? b : undefined;
}

let seed = 11;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const VALUES = [1, 2.5, 'a', '', null, true, false, [1], { a: 1 }, -0, '0101'];
const KEYS = ['BSM', 'DLBM', 'TBMJ', 'bsm', '0', '10', '__proto__', 'toString', 'x'];

function randomProps(): unknown {
  const r = rnd();
  if (r < 0.05) return null;
  if (r < 0.08) return [1, 'a'];
  if (r < 0.1) return 'text';
  const p: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) Object.defineProperty(p, pick(KEYS), { value: pick(VALUES), enumerable: true, configurable: true, writable: true });
  return p;
}

/** Coordinates of every shape readers meet: good polygons, positions with altitude, junk at every level. */
function randomCoords(depth: number): unknown {
  const r = rnd();
  if (depth === 0 || r < 0.25) return [116 + rnd(), 40 + rnd(), ...(rnd() < 0.2 ? [5] : [])];
  if (r < 0.3) return pick([null, 'x', 3, [], ['1', 2], [1, '2'], [[1, 2]]]);
  const n = 1 + Math.floor(rnd() * 4);
  return Array.from({ length: n }, () => randomCoords(depth - 1));
}

function randomFeature(): unknown {
  const r = rnd();
  if (r < 0.03) return null;
  if (r < 0.05) return 7;
  const type = pick(['Polygon', 'MultiPolygon', 'Point', 'LineString', undefined]);
  const geometry = rnd() < 0.1 ? pick([null, 'POLYGON', { type }]) : { type, coordinates: randomCoords(type === 'MultiPolygon' ? 4 : 3) };
  return { type: 'Feature', properties: randomProps(), geometry };
}

describe('readImport of a bare Feature', () => {
  it('reports its fields and extent too', () => {
    const f = { type: 'Feature', properties: { BSM: 'a', TBMJ: 1 }, geometry: { type: 'Polygon', coordinates: [[[116, 40], [116.1, 40], [116.1, 40.2], [116, 40]]] } };
    const layer = readImport('f.geojson', new TextEncoder().encode(JSON.stringify(f))).layers[0];
    expect(layer.fields.map(({ name, type }) => ({ name, type }))).toEqual([
      { name: 'BSM', type: 'string' },
      { name: 'TBMJ', type: 'number' },
    ]);
    expect(layer.nativeBBox).toEqual([116, 40, 116.1, 40.2]);
  });
});

describe('fieldTypes', () => {
  it('matches the reference on random properties (keys in any order, types mixed, non-objects skipped)', () => {
    for (let trial = 0; trial < 200; trial++) {
      const feats = Array.from({ length: 1 + Math.floor(rnd() * 30) }, randomFeature);
      expect(fieldTypes(feats as Feature[])).toEqual(referenceFields(feats));
    }
  });

  it('keeps the order of first appearance when schemas change between features', () => {
    const feats = [{ properties: { a: 1, b: 'x' } }, { properties: { b: 2, c: null } }, { properties: { a: 'y', b: 3 } }] as unknown as Feature[];
    expect(fieldTypes(feats)).toEqual([
      { name: 'a', type: 'mixed' },
      { name: 'b', type: 'mixed' },
      { name: 'c', type: 'null' },
    ]);
  });
});

describe('readImport of GeoJSON: extent and fields', () => {
  it('nativeBBox, bbox and fields are the reference ones of the parsed features, on random and malformed input', () => {
    for (let trial = 0; trial < 200; trial++) {
      const feats = Array.from({ length: 1 + Math.floor(rnd() * 20) }, randomFeature);
      const text = JSON.stringify({ type: 'FeatureCollection', features: feats });
      const layer = readImport('t.geojson', new TextEncoder().encode(text)).layers[0];
      const expected = referenceBBox(JSON.parse(text).features);
      expect(layer.nativeBBox).toEqual(expected);
      if (layer.features.length > 0) expect(layer.bbox).toEqual(expected);
      // the fields, gathered in the same walk
      expect(layer.fields.map(({ name, type }) => ({ name, type }))).toEqual(referenceFields(JSON.parse(text).features));
    }
  });
});

describe('one bad coordinate is a per-feature error, not a reason to treat the file as projected (issue 16 §5)', () => {
  const sqText = (x: number, y: number, bad = '') =>
    `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[${bad || x},${y}],[${x + 0.01},${y}],[${x + 0.01},${y + 0.01}],[${x},${y + 0.01}],[${bad || x},${y}]]]}}`;
  for (const bad of ['1e400', '-1e400', '1e300'])
    for (const flat of [true, false])
      it(`GeoJSON with ${bad} (${flat ? 'flat' : 'JSON.parse'} path)`, () => {
        const text = `{"type":"FeatureCollection","features":[${sqText(117.2, 31.8)},${sqText(117.3, 31.8, bad)},${sqText(117.4, 31.8)}]}`;
        const r = readImport('one-bad.geojson', new TextEncoder().encode(text), { flatGeojson: flat });
        const l = r.layers[0];
        const errs = importErrors(r);
        expect(errs).toHaveLength(1);
        expect(errs[0]).toMatchObject({ code: 'import.bad-coordinate', featureIndex: 1 });
        expect(errs[0].message).toMatch(/^one-bad\.geojson: 第 2 个要素的坐标 .* \/ feature 2: coordinate \((-?Infinity|1e\+300), 31\.8\) is not a usable number; the feature gets no geometry$/);
        expect(l.crs?.epsg).toBe(4326);
        expect(l.features.map((f) => f.geometry === null)).toEqual([false, true, false]);
        expect(l.bbox?.[0]).toBeCloseTo(117.2, 9);
      });
  it('Shapefile with 1e300 in one record: that record only', async () => {
    const { writeShpShx, writeDbf, utf8 } = await import('../../../test/helpers/makeShapefile');
    const sq = (x: number) => [[x, 31.8], [x, 31.81], [x + 0.01, 31.81], [x + 0.01, 31.8], [x, 31.8]];
    const bad = sq(117.3);
    bad[2] = [1e300, 31.81];
    const { shp, shx } = writeShpShx([[sq(117.2)], [bad], [sq(117.4)]]);
    const dbf = writeDbf([{ name: 'ID', type: 'N', length: 4 }], [{ ID: 1 }, { ID: 2 }, { ID: 3 }], utf8);
    const r = readImport('p.shp', shp, {}, [
      { name: 'p.shx', bytes: shx },
      { name: 'p.dbf', bytes: dbf },
    ]);
    expect(importErrors(r).map((e) => [e.featureIndex, e.message])).toEqual([
      [1, 'p.shp: 第 2 条记录损坏，不读取其图形：第 3 个点的坐标 (1e+300, 31.81) 超出任何坐标系的范围 / record 2 is damaged and gets no geometry: point 3 (1e+300, 31.81) is beyond the range of any coordinate system'],
    ]);
    expect(r.layers[0].crs?.epsg).toBe(4490);
    expect(r.layers[0].features.map((f) => f.geometry === null)).toEqual([false, true, false]);
  });
});

describe('.prj text in messages has its control characters escaped (issue 16 §6)', () => {
  it('an unsupported .prj name with an escape sequence and a bidi override', async () => {
    const { writeShpShx } = await import('../../../test/helpers/makeShapefile');
    const { shp, shx } = writeShpShx([[[[117, 31], [117, 31.01], [117.01, 31.01], [117.01, 31], [117, 31]]]]);
    const prj = new TextEncoder().encode('PROJCS["Evil\u001b[2J\u202eName",GEOGCS["x",DATUM["D_Nowhere",SPHEROID["s",6378137,298.257]]]]');
    const r = readImport('p.shp', shp, {}, [
      { name: 'p.shx', bytes: shx },
      { name: 'p.prj', bytes: prj },
    ]);
    const msg = importErrors(r)[0].message;
    expect(msg).toContain('"Evil\\u{1b}[2J\\u{202e}Name"');
    expect(msg).not.toMatch(/[\u001b\u202e]/);
  });
});

describe('an EPSG:3857 file without .prj is told 3857, never a Gauss-Krüger zone outside China (issue 16 §5)', () => {
  it('message text', async () => {
    const { writeShpShx } = await import('../../../test/helpers/makeShapefile');
    // 合肥 in Web Mercator metres
    const x = 13046644.321;
    const y = 3737086.056;
    const { shp, shx } = writeShpShx([[[[x, y], [x, y + 100], [x + 100, y + 100], [x + 100, y], [x, y]]]]);
    const r = readImport('merc.shp', shp, { advice: { crs: '--epsg CODE' } }, [{ name: 'merc.shx', bytes: shx }]);
    const msg = importErrors(r)[0].message;
    expect(msg).toMatch(/^merc\.shp: 没有 \.prj，坐标以米为单位 \(x 13046644…13046744, y 3737086…3737186\)，无法确定坐标系。坐标像 Web Mercator/);
    expect(msg).toMatch(/可能的 EPSG 代码 \/ candidate EPSG codes: EPSG:3857 WGS 84 \/ Pseudo-Mercator\. /);
    expect(msg).not.toMatch(/4491/);
    expect(msg).toMatch(/give the coordinate system \(--epsg CODE\)$/);
    const ok = readImport('merc.shp', shp, { epsg: 3857 }, [{ name: 'merc.shx', bytes: shx }]);
    expect(importErrors(ok)).toEqual([]);
    expect(ok.layers[0].bbox?.[0]).toBeCloseTo(117.2, 6);
  });
});
