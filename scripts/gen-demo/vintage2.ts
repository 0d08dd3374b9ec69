/**
 * The demo's year-on-year change (issue #17): two vintages of 安丰镇 (the county-town township, 231299100) —
 * `change-2023.geojson` (DLTB 2023) and `change-2024.geojson` (DLTB 2024) — with planted, documented changes and
 * their known answers in `change-planted.json` (data/README.md lists them). Built from the generated 耕地 layer, so
 * it follows the seed; unchanged parcels keep their exact geometry in both vintages.
 *
 * Planted (parcels picked by distance of their first vertex to the county town, then by BSM):
 *   - 非农化: the 4 nearest 耕地 parcels → 0601 工业用地; the 5th is cut by a north–south road: its east half → 1003;
 *   - 耕地 → 园地: the next 3 → 0201 果园 (进出平衡 out);
 *   - 园地 → 耕地: the next 2 were 0201 果园 in 2023 and are 耕地 in 2024 (进出平衡 in);
 *   - new 撂荒: the next 2 → ZZSXDM WG; 撂荒 restored: the township's first 3 WG parcels (by BSM) → LS;
 *   - a new 高标准农田 project: the next 3 were 0404 其他草地 in 2023 and are 0102 水浇地, GDDJ 2, in 2024.
 * Expected areas are each parcel's (or half's) ellipsoidal area × (1 − KCXS), the rest 田坎 1203.
 */
import { intersection } from 'polyclip-ts';
import { geometryAreaEllipsoidal } from '../../src/core/area/ellipsoid';
import { featureCollection } from './generate';

type Props = Record<string, string | number>;
interface F {
  type?: string;
  properties: Props;
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export const CHANGE_TOWNSHIP = '231299100';

const text = (v: string | Uint8Array | undefined): string => (v === undefined ? '' : typeof v === 'string' ? v : new TextDecoder().decode(v));

export interface Planted {
  kind: string;
  before: string[];
  after: string[];
  from: string;
  to: string;
  /** 地类面积 of the flow from → to (m²) and the 田坎 part that goes with it (1203 → to or 1203 → 1203). */
  area_m2: number;
  tiankan_m2: number;
}

export function changeVintages(files: Map<string, string | Uint8Array>): Map<string, string | Uint8Array> {
  const cultivated = JSON.parse(text(files.get('cultivated.geojson'))) as { features: F[] };
  const places = JSON.parse(text(files.get('places.geojson'))) as { features: { properties: { kind: string }; geometry: { coordinates: number[] } }[] };
  const town = places.features.find((p) => p.properties.kind === 'county-town')?.geometry.coordinates ?? [0, 0];
  const mine = cultivated.features.filter((f) => String(f.properties.ZLDWDM).startsWith(CHANGE_TOWNSHIP) && f.geometry.type === 'Polygon');
  const first = (f: F) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0][0] : f.geometry.coordinates[0][0][0]);
  const dist = (f: F) => Math.hypot((first(f)[0] - town[0]) * Math.cos((town[1] * Math.PI) / 180), first(f)[1] - town[1]);
  const byBsm = (a: F, b: F) => (String(a.properties.BSM) < String(b.properties.BSM) ? -1 : 1);
  const near = mine.filter((f) => f.properties.ZZSXDM !== 'WG').sort((a, b) => dist(a) - dist(b) || byBsm(a, b));
  const wg = mine.filter((f) => f.properties.ZZSXDM === 'WG').sort(byBsm);
  const pick = { construction: near.slice(0, 4), road: near[4], orchard: near.slice(5, 8), back: near.slice(8, 10), abandon: near.slice(10, 12), hsf: near.slice(12, 15), restore: wg.slice(0, 3) };

  const before: F[] = [];
  const after: F[] = [];
  const planted: Planted[] = [];
  const area = (g: F['geometry']) => geometryAreaEllipsoidal(g);
  const kc = (p: Props) => (typeof p.KCXS === 'number' ? p.KCXS : 0);
  const plant = (kind: string, b: F, a: F[], to: string, areaM2: number, from = String(b.properties.DLBM), k = kc(b.properties)) =>
    planted.push({ kind, before: [String(b.properties.BSM)], after: a.map((x) => String(x.properties.BSM)), from, to, area_m2: areaM2 * (1 - k), tiankan_m2: areaM2 * k });
  const nonFarm = (p: Props, dlbm: string, dlmc: string): Props => {
    const o: Props = { ...p, DLBM: dlbm, DLMC: dlmc, KCXS: 0, KCMJ: 0, TBDLMJ: p.TBMJ, SJNF: 2024 };
    delete o.ZZSXDM;
    delete o.GDDJ;
    delete o.GDDB;
    delete o.GDPDJB;
    delete o.KCDLBM;
    return o;
  };
  const is = (set: F[], f: F) => set.includes(f);
  for (const f of mine) {
    const p = f.properties;
    const y23: F = { properties: { ...p, SJNF: 2023 }, geometry: f.geometry };
    let y24: F[] = [{ properties: { ...p, SJNF: 2024 }, geometry: f.geometry }];
    if (is(pick.construction, f)) {
      y24 = [{ properties: nonFarm(p, '0601', '工业用地'), geometry: f.geometry }];
      plant('非农化 耕地→工业用地', f, y24, '0601', area(f.geometry));
    } else if (f === pick.road) {
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates;
      const xs = ring[0].map((q) => q[0]);
      const mid = (Math.min(...xs) + Math.max(...xs)) / 2;
      const [y0, y1] = [Math.min(...ring[0].map((q) => q[1])) - 1, Math.max(...ring[0].map((q) => q[1])) + 1];
      const half = (x0: number, x1: number) => intersection(ring as never, [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] as never) as unknown as number[][][][];
      const west = half(mid - 10, mid);
      const east = half(mid, mid + 10);
      const geom = (mp: number[][][][]): F['geometry'] => (mp.length === 1 ? { type: 'Polygon', coordinates: mp[0] } : { type: 'MultiPolygon', coordinates: mp });
      const areas = (g: F['geometry'], k: number) => {
        const t = Math.round(area(g) * 100) / 100;
        const m = Math.round(t * k * 100) / 100;
        return { TBMJ: t, KCMJ: m, TBDLMJ: Math.round((t - m) * 100) / 100 };
      };
      const w: F = { properties: { ...p, BSM: `${p.BSM}1`, SJNF: 2024, ...areas(geom(west), kc(p)) }, geometry: geom(west) };
      const e: F = { properties: { ...nonFarm(p, '1003', '公路用地'), BSM: `${p.BSM}2`, ...areas(geom(east), 0) }, geometry: geom(east) };
      y24 = [w, e];
      plant('非农化 耕地→公路用地（新修道路切分图斑）', f, [e], '1003', area(e.geometry));
    } else if (is(pick.orchard, f)) {
      y24 = [{ properties: nonFarm(p, '0201', '果园'), geometry: f.geometry }];
      plant('进出平衡 出：耕地→果园', f, y24, '0201', area(f.geometry));
    } else if (is(pick.back, f)) {
      y23.properties = { ...nonFarm(p, '0201', '果园'), SJNF: 2023 };
      plant('进出平衡 进：果园→耕地', y23, y24, String(p.DLBM), area(f.geometry), '0201', 0);
      // the 2024 耕地 parcel's KCXS makes part of it 田坎: the flow 0201 → 1203
      planted[planted.length - 1].area_m2 = area(f.geometry) * (1 - kc(p));
      planted[planted.length - 1].tiankan_m2 = area(f.geometry) * kc(p);
    } else if (is(pick.abandon, f)) {
      y24[0].properties.ZZSXDM = 'WG';
      plant('新增撂荒 LS→WG', f, y24, String(p.DLBM), area(f.geometry));
    } else if (is(pick.restore, f)) {
      y24[0].properties.ZZSXDM = 'LS';
      plant('撂荒恢复 WG→LS', f, y24, String(p.DLBM), area(f.geometry));
    } else if (is(pick.hsf, f)) {
      y23.properties = { ...nonFarm(p, '0404', '其他草地'), SJNF: 2023 };
      y24 = [{ properties: { ...p, DLBM: '0102', DLMC: '水浇地', GDDJ: 2, ZZSXDM: 'LS', XMMC: '2024年安丰镇高标准农田建设项目', SJNF: 2024 }, geometry: f.geometry }];
      plant('新建高标准农田 其他草地→水浇地', y23, y24, '0102', area(f.geometry), '0404', 0);
      planted[planted.length - 1].area_m2 = area(f.geometry) * (1 - kc(p));
      planted[planted.length - 1].tiankan_m2 = area(f.geometry) * kc(p);
    }
    before.push(y23);
    after.push(...y24);
  }
  const out = new Map<string, string | Uint8Array>();
  out.set('change-2023.geojson', featureCollection('安丰镇地类图斑 2023（合成数据 synthetic）', before));
  out.set('change-2024.geojson', featureCollection('安丰镇地类图斑 2024（合成数据 synthetic）', after));
  out.set(
    'change-planted.json',
    `${JSON.stringify({ synthetic: true, township: CHANGE_TOWNSHIP, before: 'change-2023.geojson', after: 'change-2024.geojson', note: 'area_m2: 地类面积 of from → to; tiankan_m2: the 田坎 (1203) part', planted }, null, 1)}\n`,
  );
  return out;
}
