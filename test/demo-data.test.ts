/**
 * The committed synthetic demo county (data/demo) and its generator (scripts/gen-demo): determinism, the realism
 * rules (no overlaps inside a layer, 永久基本农田 ⊂ 耕地, parcel sizes, region codes, TBMJ = ellipsoidal area),
 * the planted 三区三线 conflicts, targets that leave townships short and in surplus, and the dirty variant with
 * exactly its four planted defects. Checks run on the committed files; determinism runs on a small regeneration.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pc from 'polyclip-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../src/core/area/ellipsoid';
import { buildIndex, geometryBBox } from '../src/core/index/spatialIndex';
import { LAYER_KIND_IDS } from '../src/core/layers/kinds';
import type { AreaGeometry, BBox, LayerKind } from '../src/core/types';
import { validateFeatures } from '../src/core/validate/validate';
import { generate } from '../scripts/gen-demo/generate';

const DIR = join(__dirname, '..', 'data', 'demo');
const MU = 2000 / 3;
const PARCEL_MU = [3, 500];

interface Feature {
  type: 'Feature';
  properties: Record<string, string | number>;
  geometry: AreaGeometry;
}
interface FC {
  type: 'FeatureCollection';
  features: Feature[];
}
type Pos = number[];

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as T;
const manifest = readJson<{
  name: string;
  layers: { kind: LayerKind; file: string; name: string }[];
  targets: string;
  config: string;
  basemap: { roads: string; townships: string; places: string };
}>('manifest.json');
const layerCache = new Map<LayerKind, Feature[]>();
function layer(kind: LayerKind): Feature[] {
  let l = layerCache.get(kind);
  if (!l) {
    const entry = manifest.layers.find((e) => e.kind === kind);
    if (!entry) throw new Error(`no ${kind} in the manifest`);
    l = readJson<FC>(entry.file).features;
    layerCache.set(kind, l);
  }
  return l;
}
const polygonsOf = (g: AreaGeometry): Pos[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Proper crossing of segments ab and cd. */
function crosses(a: Pos, b: Pos, c: Pos, d: Pos): boolean {
  const d1 = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d2 = (b[0] - a[0]) * (d[1] - a[1]) - (b[1] - a[1]) * (d[0] - a[0]);
  const d3 = (d[0] - c[0]) * (a[1] - c[1]) - (d[1] - c[1]) * (a[0] - c[0]);
  const d4 = (d[0] - c[0]) * (b[1] - c[1]) - (d[1] - c[1]) * (b[0] - c[0]);
  return d1 * d2 < 0 && d3 * d4 < 0;
}
function inRing(p: Pos, r: Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++)
    if (r[i][1] > p[1] !== r[j][1] > p[1] && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) inside = !inside;
  return inside;
}
/** Cheap, conservative: can the interiors of a and b meet? (edge crossings, a vertex or an edge midpoint inside). */
function mayOverlap(a: AreaGeometry, b: AreaGeometry): boolean {
  const pa = polygonsOf(a);
  const pb = polygonsOf(b);
  for (const x of pa)
    for (const y of pb) {
      for (const r of x)
        for (let i = 0; i + 1 < r.length; i++) {
          const mid = [(r[i][0] + r[i + 1][0]) / 2, (r[i][1] + r[i + 1][1]) / 2];
          if (inRing(r[i], y[0]) || inRing(mid, y[0])) return true;
          for (const s of y) for (let j = 0; j + 1 < s.length; j++) if (crosses(r[i], r[i + 1], s[j], s[j + 1])) return true;
        }
      for (const s of y)
        for (let j = 0; j + 1 < s.length; j++) {
          const mid = [(s[j][0] + s[j + 1][0]) / 2, (s[j][1] + s[j + 1][1]) / 2];
          if (inRing(s[j], x[0]) || inRing(mid, x[0])) return true;
        }
    }
  return false;
}
/** Exact overlap area (m², ellipsoidal) by polygon clipping. */
function overlapArea(a: AreaGeometry, b: AreaGeometry): number {
  // polyclip-ts wants [x, y] tuples; GeoJSON positions are exactly that
  const res = pc.intersection(polygonsOf(a) as pc.Geom, polygonsOf(b) as pc.Geom);
  return geometryAreaEllipsoidal({ type: 'MultiPolygon', coordinates: res });
}
/** Pairs of features whose interiors overlap by ≥ minArea m² (flatbush candidates, cheap filter, exact area). */
function overlaps(features: readonly Feature[], minArea = 0.01): { i: number; j: number; area: number }[] {
  const boxes: BBox[] = features.map((f) => geometryBBox(f.geometry));
  const index = buildIndex(boxes);
  const out: { i: number; j: number; area: number }[] = [];
  for (let i = 0; i < features.length; i++) {
    for (const j of index.search(...boxes[i])) {
      if (j <= i) continue;
      if (!mayOverlap(features[i].geometry, features[j].geometry)) continue;
      const area = overlapArea(features[i].geometry, features[j].geometry);
      if (area >= minArea) out.push({ i, j, area });
    }
  }
  return out;
}
function quantile(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))];
}

describe('demo data: manifest and files', () => {
  it('lists every layer kind once, with existing files, and is labelled synthetic', () => {
    expect(manifest.name).toMatch(/合成数据 synthetic/);
    expect(manifest.layers.map((l) => l.kind).sort()).toEqual([...LAYER_KIND_IDS].sort());
    for (const f of [...manifest.layers.map((l) => l.file), manifest.targets, manifest.config, ...Object.values(manifest.basemap)]) {
      expect(f.startsWith('/') || f.includes('..')).toBe(false);
      expect(existsSync(join(DIR, f))).toBe(true);
    }
    for (const kind of LAYER_KIND_IDS) expect(layer(kind).length).toBeGreaterThan(0);
  });

  it('writes coordinates rounded to 7 decimals in closed rings, outer rings counter-clockwise', () => {
    const bad: string[] = [];
    for (const kind of LAYER_KIND_IDS)
      layer(kind).forEach((f, fi) => {
        if (!['Polygon', 'MultiPolygon'].includes(String((f.geometry as { type: unknown }).type))) bad.push(`${kind} ${fi}: not a polygon`);
        for (const poly of polygonsOf(f.geometry))
          poly.forEach((ring, ri) => {
            const first = ring[0];
            const last = ring[ring.length - 1];
            if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1]) bad.push(`${kind} ${fi}: ring ${ri} not closed`);
            let s = 0;
            for (let i = 0; i < ring.length; i++) {
              const p = ring[i];
              if (Math.round(p[0] * 1e7) / 1e7 !== p[0] || Math.round(p[1] * 1e7) / 1e7 !== p[1]) bad.push(`${kind} ${fi}: ${p} not rounded`);
              if (i + 1 < ring.length) s += p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1];
            }
            if (s > 0 !== (ri === 0)) bad.push(`${kind} ${fi}: ring ${ri} wound the wrong way`);
          });
      });
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('places the county in the Songnen Plain (125.5–126.5° E, 46–47° N)', () => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const f of layer('cultivated'))
      for (const p of f.geometry.coordinates[0] as Pos[]) {
        x0 = Math.min(x0, p[0]);
        x1 = Math.max(x1, p[0]);
        y0 = Math.min(y0, p[1]);
        y1 = Math.max(y1, p[1]);
      }
    expect(x0).toBeGreaterThan(125.5);
    expect(x1).toBeLessThan(126.5);
    expect(y0).toBeGreaterThan(46);
    expect(y1).toBeLessThan(47);
  });
});

describe('demo data: areas and attributes', () => {
  it('declares TBMJ / YJJBNTTBMJ / MJ as the ellipsoidal area rounded to 0.01 m²', () => {
    const areaField: Record<LayerKind, string> = {
      cultivated: 'TBMJ',
      'permanent-basic': 'YJJBNTTBMJ',
      'high-standard': 'MJ',
      'black-soil': 'MJ',
      'saline-alkali': 'TBMJ',
      abandoned: 'TBMJ',
      'eco-redline': 'MJ',
      'urban-boundary': 'MJ',
      'no-supplement': 'MJ',
    };
    const bad: string[] = [];
    for (const kind of LAYER_KIND_IDS)
      layer(kind).forEach((f, i) => {
        const want = round2(geometryAreaEllipsoidal(f.geometry));
        if (f.properties[areaField[kind]] !== want) bad.push(`${kind} ${i}: ${areaField[kind]} ${f.properties[areaField[kind]]} ≠ ${want}`);
      });
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('keeps cultivated parcels within the stated size range of 3–500 亩, spread like 三调 parcels', () => {
    const mu = layer('cultivated')
      .map((f) => Number(f.properties.TBMJ) / MU)
      .sort((a, b) => a - b);
    expect(mu.length).toBeGreaterThan(18000);
    expect(mu.length).toBeLessThan(22000);
    expect(mu[0]).toBeGreaterThanOrEqual(PARCEL_MU[0]);
    expect(mu[mu.length - 1]).toBeLessThanOrEqual(PARCEL_MU[1]);
    expect(quantile(mu, 0.5)).toBeGreaterThan(20);
    expect(quantile(mu, 0.5)).toBeLessThan(150);
    expect(quantile(mu, 0.05)).toBeLessThan(30);
    expect(quantile(mu, 0.95)).toBeGreaterThan(120);
  });

  it('fills the standard 三调 fields consistently (DLBM/DLMC, KCMJ, TBDLMJ, grades, slope classes, planting)', () => {
    const names: Record<string, string> = { '0101': '水田', '0102': '水浇地', '0103': '旱地' };
    const seen = { dlbm: new Set<string>(), slope: new Set<number>(), gddj: new Set<number>(), zzsx: new Set<string>() };
    const bad: string[] = [];
    layer('cultivated').forEach((f, i) => {
      const p = f.properties;
      const problems = [
        names[String(p.DLBM)] !== p.DLMC && 'DLMC',
        p.KCMJ !== round2(Number(p.TBMJ) * Number(p.KCXS)) && 'KCMJ',
        p.TBDLMJ !== round2(Number(p.TBMJ) - Number(p.KCMJ)) && 'TBDLMJ',
        // KCXS 0 on the flat plain (GDPDJB 1), 0.02–0.15 on slopes (坡地/梯田, GDPDJB 2–5)
        !(Number(p.GDPDJB) === 1 ? p.KCXS === 0 : Number(p.KCXS) >= 0.02 && Number(p.KCXS) <= 0.15) && 'KCXS',
        ![1, 2, 3, 4, 5].includes(Number(p.GDPDJB)) && 'GDPDJB',
        !(Number.isInteger(p.GDDJ) && Number(p.GDDJ) >= 1 && Number(p.GDDJ) <= 10) && 'GDDJ',
        !(Number.isInteger(p.GDDB) && Number(p.GDDB) >= 1 && Number(p.GDDB) <= 15) && 'GDDB',
        !['LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG'].includes(String(p.ZZSXDM)) && 'ZZSXDM',
        !(p.GDLX === '' ? p.GDPDJB === 1 : ['TT', 'PD'].includes(String(p.GDLX)) && Number(p.GDPDJB) > 1) && 'GDLX',
        p.SJNF !== 2023 && 'SJNF',
      ].filter(Boolean);
      if (problems.length) bad.push(`${i}: ${problems.join(',')}`);
      seen.dlbm.add(String(p.DLBM));
      seen.slope.add(Number(p.GDPDJB));
      seen.gddj.add(Number(p.GDDJ));
      seen.zzsx.add(String(p.ZZSXDM));
    });
    expect(bad.slice(0, 10)).toEqual([]);
    expect([...seen.dlbm].sort()).toEqual(['0101', '0102', '0103']);
    expect([...seen.slope].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(seen.gddj.size).toBeGreaterThanOrEqual(8);
    expect(seen.zzsx.has('WG')).toBe(true);
  });

  it('codes every parcel with a 19-character ZLDWDM: county 6, township 9, village 12 digits that exist', () => {
    const towns = readJson<FC>(manifest.basemap.townships).features;
    const county = towns.find((f) => f.properties.level === 'county')!;
    const townshipCodes = new Set(towns.filter((f) => f.properties.level === 'township').map((f) => String(f.properties.XZQDM)));
    const places = readJson<{ features: { properties: { kind: string; code: string; name: string } }[] }>(manifest.basemap.places).features;
    const villages = new Map(places.filter((p) => p.properties.kind === 'village').map((p) => [p.properties.code, p.properties.name]));
    expect(String(county.properties.XZQDM)).toMatch(/^23\d{4}$/);
    expect(townshipCodes.size).toBeGreaterThanOrEqual(8);
    const usedVillages = new Set<string>();
    const bad: string[] = [];
    layer('cultivated').forEach((f, i) => {
      const code = String(f.properties.ZLDWDM);
      if (!/^\d{19}$/.test(code) || code.slice(0, 6) !== county.properties.XZQDM || !townshipCodes.has(code.slice(0, 9)) || villages.get(code.slice(0, 12)) !== f.properties.ZLDWMC)
        bad.push(`${i}: ${code} ${f.properties.ZLDWMC}`);
      usedVillages.add(code.slice(0, 12));
    });
    expect(bad.slice(0, 10)).toEqual([]);
    expect(usedVillages.size).toBeGreaterThanOrEqual(100);
    // TBBH is unique within a village, BSM within the file
    const keys = new Set(layer('cultivated').map((f) => `${String(f.properties.ZLDWDM).slice(0, 12)}/${f.properties.TBBH}`));
    expect(keys.size).toBe(layer('cultivated').length);
    expect(new Set(layer('cultivated').map((f) => f.properties.BSM)).size).toBe(layer('cultivated').length);
  });

  it('grades saline-alkali parcels 轻度/中度/重度 and names the zones’ reasons', () => {
    const deg = new Set(layer('saline-alkali').map((f) => f.properties.YJCD));
    expect([...deg].sort()).toEqual(['中度', '轻度', '重度'].sort());
    const reasons = new Set(layer('no-supplement').map((f) => f.properties.JZYY));
    for (const r of ['自然保护地', '河湖管理范围', '重点林区']) expect(reasons.has(r)).toBe(true);
    for (const f of layer('eco-redline')) expect(f.properties.HXBM && f.properties.HXMC && f.properties.HXLX).toBeTruthy();
    for (const f of layer('urban-boundary')) expect(f.properties.GHFQDM && f.properties.GHFQMC).toBeTruthy();
  });
});

describe('demo data: topology', () => {
  it('has no overlaps inside any layer (flatbush candidates, exact clipped area < 0.01 m²)', () => {
    for (const kind of LAYER_KIND_IDS) expect({ kind, overlaps: overlaps(layer(kind)) }).toEqual({ kind, overlaps: [] });
  });

  it('makes 永久基本农田 an exact subset of 耕地 (same geometries), and most of the good flat 耕地', () => {
    const cult = new Map(layer('cultivated').map((f) => [JSON.stringify(f.geometry), f]));
    for (const f of layer('permanent-basic')) {
      const c = cult.get(JSON.stringify(f.geometry));
      expect(c).toBeDefined();
      expect(f.properties.ZLDWDM).toBe(c!.properties.ZLDWDM);
      expect(f.properties.XZQDM).toBe(String(c!.properties.ZLDWDM).slice(0, 12));
    }
    const good = layer('cultivated').filter((f) => Number(f.properties.GDPDJB) <= 2 && Number(f.properties.GDDJ) <= 6);
    const pbf = new Set(layer('permanent-basic').map((f) => JSON.stringify(f.geometry)));
    expect(good.filter((f) => pbf.has(JSON.stringify(f.geometry))).length / good.length).toBeGreaterThan(0.75);
  });

  it('derives 撂荒地 (ZZSXDM = WG) and 盐碱地 from 耕地 parcels', () => {
    const cult = new Map(layer('cultivated').map((f) => [JSON.stringify(f.geometry), f]));
    const wg = layer('cultivated').filter((f) => f.properties.ZZSXDM === 'WG');
    expect(layer('abandoned').length).toBe(wg.length);
    const same = (f: Feature, keys: string[]) => {
      const c = cult.get(JSON.stringify(f.geometry));
      return c !== undefined && keys.every((k) => c.properties[k] === f.properties[k]);
    };
    expect(layer('abandoned').filter((f) => !same(f, ['BSM', 'ZZSXDM', 'ZLDWDM', 'TBMJ', 'GDPDJB', 'GDDJ']))).toEqual([]);
    expect(layer('saline-alkali').filter((f) => !same(f, ['ZLDWDM', 'TBBH', 'DLBM', 'TBMJ', 'GDPDJB', 'GDDJ']))).toEqual([]);
  });

  it('plants a few 永久基本农田 parcels inside the ecological red line and the urban boundary, and no other conflicts', () => {
    const conflicts = (zone: LayerKind) => {
      const zones = layer(zone);
      let n = 0;
      for (const f of layer('permanent-basic'))
        for (const z of zones) if (mayOverlap(f.geometry, z.geometry) && overlapArea(f.geometry, z.geometry) > 1) n++;
      return n;
    };
    const eco = conflicts('eco-redline');
    const urban = conflicts('urban-boundary');
    expect(eco).toBeGreaterThanOrEqual(3);
    expect(eco).toBeLessThanOrEqual(10);
    expect(urban).toBeGreaterThanOrEqual(3);
    expect(urban).toBeLessThanOrEqual(12);
    // the red line and the urban boundary do not meet each other
    for (const e of layer('eco-redline')) for (const u of layer('urban-boundary')) expect(overlapArea(e.geometry, u.geometry)).toBe(0);
  });

  it('builds 高标准农田 as multi-block projects lying on 耕地 blocks', () => {
    const hsf = layer('high-standard');
    expect(hsf.length).toBeGreaterThan(50);
    for (const f of hsf) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.properties.XMMC).toMatch(/高标准农田建设项目/);
    }
  });
});

describe('demo data: targets and config', () => {
  it('gives the county and every township targets, with some townships short and some in surplus', () => {
    const t = readJson<{ regions: { code: string; name: string; level: string; cultivated_mu: number; permanent_basic_mu: number }[] }>(manifest.targets);
    const towns = readJson<FC>(manifest.basemap.townships).features.filter((f) => f.properties.level === 'township');
    expect(t.regions.filter((r) => r.level === 'county')).toHaveLength(1);
    expect(new Set(t.regions.filter((r) => r.level === 'township').map((r) => r.code))).toEqual(new Set(towns.map((f) => String(f.properties.XZQDM))));
    const gross = new Map<string, number>();
    const net = new Map<string, number>();
    for (const f of layer('cultivated')) {
      const c = String(f.properties.ZLDWDM).slice(0, 9);
      gross.set(c, (gross.get(c) ?? 0) + Number(f.properties.TBMJ) / MU);
      net.set(c, (net.get(c) ?? 0) + Number(f.properties.TBDLMJ) / MU);
    }
    const township = t.regions.filter((r) => r.level === 'township');
    const short = township.filter((r) => r.cultivated_mu > gross.get(r.code)!);
    const surplus = township.filter((r) => r.cultivated_mu < net.get(r.code)!);
    expect(short.length).toBeGreaterThanOrEqual(2);
    expect(surplus.length).toBeGreaterThanOrEqual(2);
    expect(short.length + surplus.length).toBe(township.length);
  });

  it('ships illustrative productivity coefficients and fee rates in the analysis config shape', () => {
    const c = readJson<{ productivity: { gddj: Record<string, number> }; fee_rates: { default: number }; pbf_fee_multiplier: number; '//': string }>(manifest.config);
    expect(Object.keys(c.productivity.gddj).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(c.productivity.gddj['1']).toBeGreaterThan(c.productivity.gddj['10']);
    expect(c.fee_rates.default).toBeGreaterThan(0);
    expect(c.pbf_fee_multiplier).toBe(2);
    expect(c['//']).toMatch(/illustrative/);
  });
});

describe('demo data: dirty variant', () => {
  const dirty = readJson<FC>('dirty-cultivated.geojson').features;
  const defects = readJson<{ township: { code: string }; defects: { kind: string; featureIndex: number; otherIndex?: number; BSM: string }[] }>('dirty-defects.json');
  const byKind = new Map(defects.defects.map((d) => [d.kind, d]));

  it('is one township’s clean parcels with exactly four changed features', () => {
    const clean = layer('cultivated').filter((f) => String(f.properties.ZLDWDM).startsWith(defects.township.code));
    expect(dirty.length).toBe(clean.length);
    const changed: number[] = [];
    dirty.forEach((f, i) => {
      if (JSON.stringify(f) !== JSON.stringify(clean[i])) changed.push(i);
    });
    expect(changed.sort((a, b) => a - b)).toEqual(defects.defects.map((d) => d.featureIndex).sort((a, b) => a - b));
  });

  it('plants a self-intersection, a sliver overlap, a wrong TBMJ and a bad DLBM', () => {
    const sx = dirty[byKind.get('self-intersection')!.featureIndex].geometry.coordinates[0] as Pos[];
    let hits = 0;
    for (let i = 0; i + 1 < sx.length; i++) for (let j = i + 2; j + 1 < sx.length; j++) if (crosses(sx[i], sx[i + 1], sx[j], sx[j + 1])) hits++;
    expect(hits).toBe(1);
    const ov = byKind.get('overlap')!;
    const area = overlapArea(dirty[ov.featureIndex].geometry, dirty[ov.otherIndex!].geometry);
    expect(area).toBeGreaterThan(10);
    expect(area).toBeLessThan(500);
    // the only overlap in the file
    const clean = dirty.filter((_, i) => i !== byKind.get('self-intersection')!.featureIndex);
    expect(overlaps(clean)).toHaveLength(1);
    const bad = dirty[byKind.get('tbmj-mismatch')!.featureIndex];
    expect(Number(bad.properties.TBMJ) / geometryAreaEllipsoidal(bad.geometry)).toBeCloseTo(1.15, 3);
    expect(dirty[byKind.get('bad-dlbm')!.featureIndex].properties.DLBM).toBe('0109');
  });
});

describe('demo data: validation', () => {
  it('validates the clean demo layers with zero findings (no errors, no warnings)', () => {
    for (const kind of LAYER_KIND_IDS) {
      const { findings } = validateFeatures(layer(kind), { file: `${kind}.geojson`, kind });
      expect({ kind, findings: findings.map((f) => `${f.severity} ${f.code} ${f.message}`) }).toEqual({ kind, findings: [] });
    }
  });

  it('finds exactly the planted defects in the dirty variant', () => {
    const dirty = readJson<FC>('dirty-cultivated.geojson').features;
    const defects = readJson<{ defects: { kind: string; featureIndex: number; otherIndex?: number }[] }>('dirty-defects.json').defects;
    const { findings, blocked } = validateFeatures(dirty, { file: 'dirty-cultivated.geojson', kind: 'cultivated' });
    const ix = (k: string) => defects.find((d) => d.kind === k)!;
    const ov = ix('overlap');
    const got = findings.map((f) => `${f.severity} ${f.code} #${f.featureIndex}`).sort();
    const expected = [
      `error geometry.self-intersection #${ix('self-intersection').featureIndex}`,
      `error attr.dlbm #${ix('bad-dlbm').featureIndex}`,
      `warning area.declared #${ix('tbmj-mismatch').featureIndex}`,
      `warning overlap #${Math.min(ov.featureIndex, ov.otherIndex!)}`,
    ].sort();
    expect(got).toEqual(expected);
    expect([...blocked]).toEqual([ix('self-intersection').featureIndex]);
  });
});

describe('generator', () => {
  let a: Map<string, string | Uint8Array>;
  beforeAll(() => {
    a = generate({ parcels: 400, seed: 'determinism-test' }).files;
  });

  it('is deterministic: the same seed and options give byte-identical files', () => {
    const b = generate({ parcels: 400, seed: 'determinism-test' }).files;
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, content] of a) expect({ name, same: Buffer.from(content).equals(Buffer.from(b.get(name)!)) }).toEqual({ name, same: true });
    const c = generate({ parcels: 400, seed: 'another-seed', png: false }).files;
    expect(c.get('cultivated.geojson')).not.toEqual(a.get('cultivated.geojson'));
  });

  it('makes roughly the requested number of parcels, and a PNG', () => {
    const n = (JSON.parse(String(a.get('cultivated.geojson'))) as FC).features.length;
    expect(n).toBeGreaterThan(400 * 0.85);
    expect(n).toBeLessThan(400 * 1.15);
    const png = a.get('county.png') as Uint8Array;
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });
});
