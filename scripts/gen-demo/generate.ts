/**
 * The demo county generator: world → blocks → strips → attributed layers, basemap, targets, config, manifest,
 * the dirty variant and the PNG. Returns file contents keyed by path relative to the output directory, so the
 * CLI writes them and the tests compare them byte for byte.
 */
import { LAYER_KINDS } from '../../src/core/layers/kinds';
import type { LayerKind } from '../../src/core/types';
import {
  blob,
  type BBoxM,
  bboxOverlap,
  interiorPoint,
  type Poly,
  type Pt,
  pcDifference,
  pcIntersection,
  pointInRing,
  polyArea,
  type Ring,
  ringBBox,
} from './geom';
import { areaOf, type GeoMulti, type GeoPolygon, LAT0, LON0, lineToCoords, polysToGeometry, round2, toLonLat } from './lonlat';
import { COUNTY } from './names';
import { buildBlocks, clipBand, countStrips, cutStrips, MU, PARCEL_MU_RANGE, type Strip } from './parcels';
import { Rng } from './prng';
import { renderCountyPng } from './renderPng';
import { salineLevel, slopeDeg, type GenOptions, type World, buildWorld } from './world';

export const DEFAULT_SEED = 'farmland-atlas-demo-v1';
export const DEFAULT_PARCELS = 20000;
const SJNF = 2023;

type Props = Record<string, string | number>;
export interface OutFeature {
  geometry: GeoPolygon | GeoMulti;
  properties: Props;
}

export interface GenStats {
  parcels: number;
  blocks: number;
  layers: Record<string, number>;
  plantedEcoConflicts: number;
  plantedUrbanConflicts: number;
  dirtyTownship: string;
}

export interface GenResult {
  files: Map<string, string | Uint8Array>;
  stats: GenStats;
}

const LAYER_FILES: Record<LayerKind, string> = {
  cultivated: 'cultivated.geojson',
  'permanent-basic': 'permanent-basic.geojson',
  'high-standard': 'high-standard.geojson',
  'black-soil': 'black-soil.geojson',
  'saline-alkali': 'saline-alkali.geojson',
  abandoned: 'abandoned.geojson',
  'eco-redline': 'eco-redline.geojson',
  'urban-boundary': 'urban-boundary.geojson',
  'no-supplement': 'no-supplement.geojson',
};

export const LAND_CLASS_NAME: Record<string, string> = { '0101': '水田', '0102': '水浇地', '0103': '旱地' };
export const SLOPE_CLASS_OF = (deg: number): number => (deg <= 2 ? 1 : deg <= 6 ? 2 : deg <= 15 ? 3 : deg <= 25 ? 4 : 5);
/**
 * 田坎系数 KCXS by slope class (index = GDPDJB): 0 on the flat plain (class 1, ≤ 2°: no 田坎 deducted, as surveys
 * apply KCXS on slopes over 2°), rising to ≈ 0.14 on class 5; 梯田 (GDLX TT) carry 0.01 more than 坡地 (PD) of the
 * same class. Hilly parcels stay within 0.02–0.15 (docs/domain.md §4). KCMJ = round2(TBMJ × KCXS), TBDLMJ = TBMJ − KCMJ.
 */
const KCXS_BASE = [0, 0, 0.03, 0.06, 0.095, 0.135];
export function demoKcxs(slopeClass: number, gdlx: string, jitter: number): number {
  if (slopeClass <= 1) return 0;
  const k = KCXS_BASE[slopeClass] + jitter + (gdlx === 'TT' ? 0.01 : 0);
  return Math.round(Math.min(0.15, Math.max(0.02, k)) * 10000) / 10000;
}

/**
 * Feature collection as UTF-8 bytes: one feature per line (compact, but diffs stay readable). Built in chunks so a
 * county of 500,000 parcels never holds one giant JS string.
 */
export function featureCollection(name: string, features: readonly { geometry: unknown; properties: unknown }[]): Buffer {
  const head = `{"type":"FeatureCollection","name":${JSON.stringify(name)},"synthetic":true,"features":[`;
  if (features.length === 0) return Buffer.from(`${head}]}\n`);
  const parts: Buffer[] = [Buffer.from(`${head}\n`)];
  const CHUNK = 5000;
  for (let i = 0; i < features.length; i += CHUNK) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(features.length, i + CHUNK); j++) {
      const f = features[j];
      lines.push(JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
    }
    parts.push(Buffer.from(lines.join(',\n') + (i + CHUNK < features.length ? ',\n' : '\n')));
  }
  parts.push(Buffer.from(']}\n'));
  return Buffer.concat(parts);
}

interface Parcel {
  strip: Strip;
  poly: Poly;
  geometry: GeoPolygon;
  tbmj: number;
  center: Pt;
  township: number;
  village: number;
  props: Props;
  slopeClass: number;
  gddj: number;
  sal: string;
  wg: boolean;
  pbf: boolean;
  conflict: 'eco' | 'urban' | 'other' | undefined;
}

/** Do a polygon (metres) and a ring intersect (touching counts)? */
function intersectsRing(poly: Poly, pb: BBoxM, ring: Ring, rb: BBoxM): boolean {
  if (!bboxOverlap(pb, rb)) return false;
  const outer = poly[0];
  for (const p of outer) if (pointInRing(p, ring)) return true;
  for (const p of ring) if (pointInRing(p, outer)) return true;
  for (let i = 0; i < outer.length; i++) {
    const a = outer[i];
    const b = outer[(i + 1) % outer.length];
    for (let j = 0; j < ring.length; j++) {
      const c = ring[j];
      const d = ring[(j + 1) % ring.length];
      const d1 = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      const d2 = (b[0] - a[0]) * (d[1] - a[1]) - (b[1] - a[1]) * (d[0] - a[0]);
      const d3 = (d[0] - c[0]) * (a[1] - c[1]) - (d[1] - c[1]) * (a[0] - c[0]);
      const d4 = (d[0] - c[0]) * (b[1] - c[1]) - (d[1] - c[1]) * (b[0] - c[0]);
      if (d1 * d2 <= 0 && d3 * d4 <= 0) return true;
    }
  }
  return false;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

export function generate(options: Partial<GenOptions> & { png?: boolean } = {}): GenResult {
  const opts: GenOptions = { parcels: options.parcels ?? DEFAULT_PARCELS, seed: options.seed ?? DEFAULT_SEED };
  const w = buildWorld(opts);
  const blocks = buildBlocks(w);
  const villageDist = (p: Pt, t: number): number => {
    let d = Infinity;
    for (const v of w.townships[t].villages) d = Math.min(d, Math.hypot(v.seat[0] - p[0], v.seat[1] - p[1]));
    return d;
  };
  // two passes: the first measures how many strips a mean size gives, the second corrects it
  const totalBlock = blocks.reduce((a, b) => a + b.area, 0);
  // steer the mean strip size so the planned count meets the target (a few % are dropped or split later)
  let mean = (totalBlock * 0.85) / opts.parcels;
  for (let it = 0; it < 4; it++) mean *= countStrips(w, blocks, mean, villageDist) / (opts.parcels * 1.02);
  const strips = cutStrips(w, blocks, mean, villageDist);

  // ---- per-block land class and quality fields
  const canals = w.lines.filter((l) => l.kind === 'canal');
  const distToLines = (p: Pt, ls: readonly { pts: Pt[] }[]): number => {
    let d = Infinity;
    for (const l of ls)
      for (let i = 0; i + 1 < l.pts.length; i++) {
        const a = l.pts[i];
        const b = l.pts[i + 1];
        const dx = b[0] - a[0];
        const dy = b[1] - a[1];
        const l2 = dx * dx + dy * dy;
        const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
        d = Math.min(d, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
      }
    return d;
  };
  const riverLine = [{ pts: w.river }];
  const blockClass = blocks.map((b) => {
    const rng = Rng.derive(opts.seed, `class/${b.id}`);
    const low = w.hill(b.center) < 0.05;
    const wet = low && (distToLines(b.center, canals) < 1600 * w.k || distToLines(b.center, riverLine) < 2600 * w.k);
    if (wet && rng.chance(0.8)) return '0101';
    if (w.hill(b.center) < 0.3 && rng.chance(0.1)) return '0102';
    return '0103';
  });

  // ---- parcels: lon/lat, ellipsoidal TBMJ, enforced size range
  const [muMin, muMax] = PARCEL_MU_RANGE;
  const parcels: Parcel[] = [];
  for (const st of strips) {
    const g = polysToGeometry([st.poly]);
    if (g?.type !== 'Polygon') continue;
    const tbmj = areaOf(g);
    if (tbmj < muMin * MU || tbmj > muMax * MU) continue;
    const center = interiorPoint(st.poly);
    const t = w.townships[st.township];
    let village = 0;
    let vd = Infinity;
    t.villages.forEach((v, i) => {
      const d = Math.hypot(v.seat[0] - center[0], v.seat[1] - center[1]);
      if (d < vd) {
        vd = d;
        village = i;
      }
    });
    parcels.push({
      strip: st,
      poly: st.poly,
      geometry: g,
      tbmj,
      center,
      township: st.township,
      village,
      props: {},
      slopeClass: 1,
      gddj: 1,
      sal: '',
      wg: false,
      pbf: false,
      conflict: undefined,
    });
  }
  // stable order: township code, then west→east / north→south within the village
  parcels.sort((a, b) => a.township - b.township || a.village - b.village || b.center[1] - a.center[1] || a.center[0] - b.center[0]);

  const qualityField = (p: Pt) => {
    // smooth soil-quality field (lower = better), good black soil in the centre-east
    let v = 0;
    for (let o = 0; o < 3; o++) v += Math.sin(p[0] / (5200 * w.k * (o + 1)) + o * 1.7) * Math.cos(p[1] / (4300 * w.k * (o + 1)) + o * 0.9) / (o + 1);
    return v;
  };
  const tbbhCounter = new Map<string, number>();
  const ecoTests = [w.wetRedlineTest, ...w.forests.map((f) => f.redlineTest)];
  const urbanTests = [w.town.boundaryTest, ...w.seatBoundaries.map((s) => s.test)];
  const ecoB = ecoTests.map(ringBBox);
  const urbanB = urbanTests.map(ringBBox);
  parcels.forEach((p, idx) => {
    const rng = Rng.derive(opts.seed, `attr/${p.strip.block}/${p.strip.cut.band}/${p.strip.cut.half}/${Math.round(p.center[0])}/${Math.round(p.center[1])}`);
    const t = w.townships[p.township];
    const v = t.villages[p.village];
    const slope = slopeDeg(w, p.center);
    const sc = SLOPE_CLASS_OF(slope);
    const lvl = salineLevel(w, p.center);
    const sal = lvl <= 0 ? '' : lvl > 0.6 ? '重度' : lvl > 0.3 ? '中度' : '轻度';
    const dlbm = blockClass[p.strip.block];
    let g = 3.2 + 1.3 * qualityField(p.center) + 0.9 * (sc - 1) + 0.7 * rng.normal();
    if (sal === '轻度') g += 1.8;
    if (sal === '中度') g += 3.2;
    if (sal === '重度') g += 4.8;
    if (w.hill(p.center) > 0.3) g += 1;
    const gddj = Math.max(1, Math.min(10, Math.round(g)));
    const gddb = Math.max(1, Math.min(15, Math.round(6 + 0.75 * gddj + 0.6 * rng.normal())));
    const kcxsJitter = rng.range(-0.004, 0.006);
    const vd = Math.hypot(v.seat[0] - p.center[0], v.seat[1] - p.center[1]);
    const pWG = 0.005 + (sc >= 3 ? 0.04 : 0) + (sal === '重度' ? 0.06 : sal === '中度' ? 0.015 : 0) + (vd > 2500 * w.k ? 0.015 : 0);
    let zzsx: string;
    if (rng.chance(pWG)) zzsx = 'WG';
    else {
      const r = rng.next();
      zzsx = r < 0.86 ? 'LS' : r < 0.93 ? 'FLS' : r < 0.975 ? 'LYFL' : r < 0.99 ? 'XG' : w.hill(p.center) > 0.3 ? 'LLJZ' : 'LS';
    }
    // (drawn in the same order as before: zzsx, then GDLX — the KCXS jitter above keeps its place in the stream)
    const gdlx = sc === 1 ? '' : (sc === 3 || sc === 4) && rng.chance(0.15) ? 'TT' : 'PD';
    const kcxs = demoKcxs(sc, gdlx, kcxsJitter);
    const kcmj = round2(p.tbmj * kcxs);
    const tbdlmj = round2(p.tbmj - kcmj);
    const zldwdm = `${v.code}0000000`;
    const key = v.code;
    const tbbh = (tbbhCounter.get(key) ?? 0) + 1;
    tbbhCounter.set(key, tbbh);
    p.props = {
      BSM: `${COUNTY.code}1${pad(idx + 1, 8)}`,
      YSDM: '2001010100',
      TBBH: String(tbbh),
      DLBM: dlbm,
      DLMC: LAND_CLASS_NAME[dlbm],
      QSXZ: '30',
      ZLDWDM: zldwdm,
      ZLDWMC: v.name,
      TBMJ: p.tbmj,
      KCDLBM: '1203',
      KCXS: kcxs,
      KCMJ: kcmj,
      TBDLMJ: tbdlmj,
      GDLX: gdlx,
      GDPDJB: sc,
      ZZSXDM: zzsx,
      GDDB: gddb,
      GDDJ: gddj,
      SJNF,
    };
    p.slopeClass = sc;
    p.gddj = gddj;
    p.sal = sal;
    p.wg = zzsx === 'WG';
    const pb = ringBBox(p.poly[0]);
    if (ecoTests.some((r, i) => intersectsRing(p.poly, pb, r, ecoB[i]))) p.conflict = 'eco';
    else if (intersectsRing(p.poly, pb, urbanTests[0], urbanB[0])) p.conflict = 'urban';
    else if (urbanTests.some((r, i) => i > 0 && intersectsRing(p.poly, pb, r, urbanB[i]))) p.conflict = 'other';
    const good = sc <= 2 || (sc === 3 && rng.chance(0.3));
    p.pbf = p.conflict === undefined && good && gddj <= 7 && sal !== '重度' && !p.wg && rng.chance(0.93);
  });
  // planted 三区三线 conflicts: a few good flat parcels inside the red line and the town's boundary stay 永久基本农田
  const plant = (kind: 'eco' | 'urban', count: number, ring: Ring): number => {
    const rng = Rng.derive(opts.seed, `plant/${kind}`);
    const cands = parcels.filter((p) => p.conflict === kind && p.slopeClass <= 2 && p.gddj <= 7 && !p.wg && p.sal !== '重度' && pointInRing(p.center, ring));
    let n = 0;
    for (let i = 0; i < count && cands.length > 0; i++) {
      const p = cands.splice(Math.floor(rng.next() * cands.length), 1)[0];
      p.pbf = true;
      n++;
    }
    return n;
  };
  const plantedEco = plant('eco', Math.max(1, Math.round(6 * Math.min(1, w.s))), w.wetRedline);
  const plantedUrban = plant('urban', Math.max(1, Math.round(8 * Math.min(1, w.s))), w.town.boundary);

  // ---- layers
  const layers = new Map<LayerKind, OutFeature[]>();
  layers.set(
    'cultivated',
    parcels.map((p) => ({ geometry: p.geometry, properties: p.props })),
  );
  let pbfSeq = 0;
  layers.set(
    'permanent-basic',
    parcels
      .filter((p) => p.pbf)
      .map((p) => {
        pbfSeq++;
        const v = w.townships[p.township].villages[p.village];
        return {
          geometry: p.geometry,
          properties: {
            BSM: `${COUNTY.code}2${pad(pbfSeq, 8)}`,
            YJJBNTTBBH: `${v.code}${pad(Number(p.props.TBBH), 5)}`,
            TBBH: p.props.TBBH,
            XZQDM: v.code,
            ZLDWDM: p.props.ZLDWDM,
            ZLDWMC: p.props.ZLDWMC,
            DLBM: p.props.DLBM,
            DLMC: p.props.DLMC,
            GDPDJB: p.slopeClass,
            YJJBNTTBMJ: p.tbmj,
            KCXS: p.props.KCXS,
            YJJBNTMJ: p.props.TBDLMJ,
            GDDJ: p.gddj,
            SJNF,
          },
        };
      }),
  );
  layers.set(
    'saline-alkali',
    parcels
      .filter((p) => p.sal !== '')
      .map((p, i) => {
        const rng = Rng.derive(opts.seed, `sal/${p.props.BSM}`);
        const [hsl, esp] = p.sal === '轻度' ? [rng.range(1, 2), rng.range(5, 15)] : p.sal === '中度' ? [rng.range(2, 4), rng.range(15, 30)] : [rng.range(4, 6), rng.range(30, 45)];
        return {
          geometry: p.geometry,
          properties: {
            BSM: `${COUNTY.code}5${pad(i + 1, 8)}`,
            TBBH: p.props.TBBH,
            ZLDWDM: p.props.ZLDWDM,
            ZLDWMC: p.props.ZLDWMC,
            DLBM: p.props.DLBM,
            DLMC: p.props.DLMC,
            TBMJ: p.tbmj,
            GDPDJB: p.slopeClass,
            GDDJ: p.gddj,
            YJCD: p.sal,
            HSL: Math.round(hsl * 100) / 100,
            ESP: Math.round(esp * 10) / 10,
            YJLX: '苏打盐碱',
            SJNF,
          },
        };
      }),
  );
  layers.set(
    'abandoned',
    parcels
      .filter((p) => p.wg)
      .map((p) => ({
        geometry: p.geometry,
        properties: {
          BSM: p.props.BSM,
          TBBH: p.props.TBBH,
          DLBM: p.props.DLBM,
          DLMC: p.props.DLMC,
          ZLDWDM: p.props.ZLDWDM,
          ZLDWMC: p.props.ZLDWMC,
          TBMJ: p.tbmj,
          GDPDJB: p.slopeClass,
          GDDJ: p.gddj,
          ZZSXDM: 'WG',
          ZZSXMC: '未耕种',
          LHNX: 1 + (Number(String(p.props.BSM).slice(-2)) % 4),
          SJNF,
        },
      })),
  );

  // high-standard farmland: contiguous project blocks on flat, non-saline land away from red lines
  {
    const rng = Rng.derive(opts.seed, 'hsf');
    const blockHasParcel = new Set(parcels.map((p) => p.strip.block));
    const allTests = [...ecoTests, ...urbanTests];
    const allB = allTests.map(ringBBox);
    const eligible = blocks.filter(
      (b) =>
        blockHasParcel.has(b.id) &&
        slopeDeg(w, b.center) < 2.5 &&
        salineLevel(w, b.center) < 0.3 &&
        !allTests.some((r, i) => intersectsRing(b.poly, ringBBox(b.poly[0]), r, allB[i])),
    );
    const byCell = new Map<string, number[]>();
    for (const b of eligible) {
      const key = `${b.township}/${b.i}/${b.j}`;
      const list = byCell.get(key) ?? [];
      list.push(b.id);
      byCell.set(key, list);
    }
    const assigned = new Set<number>();
    const order = eligible.map((b) => b.id);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const feats: OutFeature[] = [];
    let proj = 0;
    for (const start of order) {
      if (assigned.has(start) || !rng.chance(0.3)) continue;
      const target = rng.int(4, 12);
      const members: number[] = [];
      const queue = [start];
      assigned.add(start);
      while (queue.length > 0 && members.length < target) {
        const id = queue.shift()!;
        members.push(id);
        const b = blocks[id];
        for (const [di, dj] of [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ]) {
          for (const nb of byCell.get(`${b.township}/${b.i + di}/${b.j + dj}`) ?? []) {
            if (assigned.has(nb)) continue;
            assigned.add(nb);
            queue.push(nb);
          }
        }
      }
      for (const id of queue) assigned.delete(id);
      if (members.length < 2) continue;
      members.sort((a, b) => a - b);
      const g = polysToGeometry(members.map((id) => blocks[id].poly));
      if (!g) continue;
      proj++;
      const t = w.townships[blocks[members[0]].township];
      const year = 2011 + ((proj * 7) % 13);
      feats.push({
        geometry: g,
        properties: {
          BSM: `${COUNTY.code}3${pad(proj, 8)}`,
          XMBH: `GBZ${COUNTY.code}${year}${pad(proj, 4)}`,
          XMMC: `${COUNTY.name}${year}年高标准农田建设项目（${t.name}片区）`,
          JSND: year,
          XZQDM: t.code,
          XZQMC: t.name,
          MJ: areaOf(g),
        },
      });
    }
    layers.set('high-standard', feats);
  }

  // black-soil extent: the county less the river zone, wetland, sandy land and saline flats; 黑土 east, 黑钙土 west
  {
    const salineRings: Poly[] = w.saline.map((s) => [blob(s.c[0], s.c[1], s.r, s.seed, { amp: 0.3, n: 40 })]);
    const extent = pcDifference([[w.outline]], w.riverZone, [[w.wetland]], w.sandy.map((r) => [r]), salineRings);
    const line: Pt[] = [];
    const c = 0.06;
    for (let tau = -2; tau <= 2.0001; tau += 0.05) {
      const off = 0.05 * Math.sin(tau * 9.1) + 0.03 * Math.sin(tau * 23.7 + 1);
      line.push([w.rx * (c + tau + off), w.ry * (c - tau + off)]);
    }
    const big = 4 * Math.max(w.rx, w.ry);
    // the soil boundary shifted ±1.5 m towards the north-east: a 3 m gap keeps the two soil zones apart after rounding
    const nl = Math.hypot(w.rx, w.ry);
    const eastOf = (shift: number): Poly => {
      const l = line.map((p): Pt => [p[0] + (shift * w.ry) / nl, p[1] + (shift * w.rx) / nl]);
      return [[...l, [l[l.length - 1][0] + big, l[l.length - 1][1] + big], [l[0][0] + big, l[0][1] + big]]];
    };
    const parts: { poly: Poly; tl: string }[] = [];
    for (const p of pcIntersection(extent, [eastOf(1.5)])) parts.push({ poly: p, tl: '黑土' });
    for (const p of pcDifference(extent, [eastOf(-1.5)])) parts.push({ poly: p, tl: '黑钙土' });
    const feats: OutFeature[] = [];
    for (const part of parts) {
      if (polyArea(part.poly) < 20000) continue;
      const g = polysToGeometry([part.poly]);
      if (!g) continue;
      feats.push({ geometry: g, properties: { BSM: `${COUNTY.code}4${pad(feats.length + 1, 8)}`, TLMC: part.tl, XZQDM: COUNTY.code, MJ: areaOf(g) } });
    }
    layers.set('black-soil', feats);
  }

  // red lines and zones
  {
    const eco: OutFeature[] = [];
    const add = (list: OutFeature[], polys: Poly[], props: Props, areaKey = 'MJ') => {
      const g = polysToGeometry(polys);
      if (g) list.push({ geometry: g, properties: { ...props, [areaKey]: areaOf(g) } });
    };
    add(eco, [[w.wetRedline]], { HXBM: `${COUNTY.code}STHX0001`, HXMC: '安丰河湿地生态保护红线', HXLX: '生物多样性维护' });
    for (const [i, f] of w.forests.entries())
      add(eco, [[f.redline]], { HXBM: `${COUNTY.code}STHX${pad(i + 2, 4)}`, HXMC: `东部丘陵水源涵养生态保护红线${i + 1}`, HXLX: '水源涵养' });
    layers.set('eco-redline', eco);
    const urban: OutFeature[] = [];
    add(urban, [[w.town.boundary]], { BSM: `${COUNTY.code}CZKF0001`, GHFQDM: '01', GHFQMC: `${w.town.name}城镇开发边界（城镇集中建设区）` });
    for (const [i, sb] of w.seatBoundaries.entries())
      add(urban, [[sb.ring]], { BSM: `${COUNTY.code}CZKF${pad(i + 2, 4)}`, GHFQDM: '01', GHFQMC: `${w.townships[sb.township].name}城镇开发边界（城镇集中建设区）` });
    layers.set('urban-boundary', urban);
    const ns: OutFeature[] = [];
    add(ns, [[w.wetland]], { BSM: `${COUNTY.code}JZQ0001`, JZYY: '自然保护地', MC: '安丰河湿地自然保护区' });
    add(ns, pcDifference(w.riverZone, [[w.wetlandPad]]), { BSM: `${COUNTY.code}JZQ0002`, JZYY: '河湖管理范围', MC: '安丰河河道管理范围' });
    for (const [i, f] of w.forests.entries()) add(ns, [[f.core]], { BSM: `${COUNTY.code}JZQ${pad(i + 3, 4)}`, JZYY: '重点林区', MC: `东部丘陵重点林区${i + 1}` });
    for (const [i, r] of w.sandy.entries())
      add(ns, pcDifference([[r]], w.riverZone, [[w.wetlandPad]]), { BSM: `${COUNTY.code}JZQ${pad(i + 3 + w.forests.length, 4)}`, JZYY: '严重沙化土地', MC: `西部沙化土地${i + 1}` });
    layers.set('no-supplement', ns);
  }

  // ---- basemap
  const files = new Map<string, string | Uint8Array>();
  const countyName = COUNTY.name;
  for (const kind of LAYER_KINDS) files.set(LAYER_FILES[kind.id], featureCollection(`${countyName}${kind.zh}（合成数据 synthetic）`, layers.get(kind.id) ?? []));
  const ob = ringBBox(w.outline);
  const margin = 3000 * w.k;
  const inView = (p: Pt) => p[0] > ob[0] - margin && p[0] < ob[2] + margin && p[1] > ob[1] - margin && p[1] < ob[3] + margin;
  const roads = w.lines.map((l) => {
    const pts = l.pts.filter(inView);
    return {
      geometry: { type: 'LineString', coordinates: lineToCoords(pts) },
      properties: { kind: l.kind, level: l.level, name: l.name, width_m: l.kind === 'river' ? 2 * l.half : 2 * l.half },
    };
  });
  files.set('roads.geojson', featureCollection(`${countyName}道路、水系（合成数据 synthetic）`, roads.filter((r) => r.geometry.coordinates.length >= 2)));
  const tfeat = [
    { geometry: polysToGeometry([[w.outline]]), properties: { level: 'county', XZQDM: COUNTY.code, XZQMC: countyName } },
    ...w.townships.map((t) => ({ geometry: polysToGeometry(t.polys), properties: { level: 'township', XZQDM: t.code, XZQMC: t.name } })),
  ];
  files.set('townships.geojson', featureCollection(`${countyName}行政区（合成数据 synthetic）`, tfeat));
  const places: { geometry: unknown; properties: Props }[] = [
    { geometry: { type: 'Point', coordinates: toLonLat(w.town.center) }, properties: { kind: 'county-town', name: `${countyName}城`, code: COUNTY.code } },
  ];
  for (const t of w.townships) {
    if (t.index > 0) places.push({ geometry: { type: 'Point', coordinates: toLonLat(t.seat) }, properties: { kind: 'township', name: t.name, code: t.code } });
    for (const v of t.villages) places.push({ geometry: { type: 'Point', coordinates: toLonLat(v.seat) }, properties: { kind: 'village', name: v.name, code: v.code } });
  }
  files.set('places.geojson', featureCollection(`${countyName}地名（合成数据 synthetic）`, places));

  // ---- targets: some townships short, some in surplus (by margins wider than the TBMJ/TBDLMJ difference)
  {
    const rng = Rng.derive(opts.seed, 'targets');
    const regions: { code: string; name: string; level: string; cultivated_mu: number; permanent_basic_mu: number }[] = [];
    let sumC = 0;
    let sumP = 0;
    for (const t of w.townships) {
      const ps = parcels.filter((p) => p.township === t.index);
      const gross = ps.reduce((a, p) => a + p.tbmj, 0) / MU;
      const net = ps.reduce((a, p) => a + Number(p.props.TBDLMJ), 0) / MU;
      const pbfGross = ps.filter((p) => p.pbf).reduce((a, p) => a + p.tbmj, 0) / MU;
      const pbfNet = ps.filter((p) => p.pbf).reduce((a, p) => a + Number(p.props.TBDLMJ), 0) / MU;
      const short = t.index % 3 === 1 || (t.index % 3 === 2 && rng.chance(0.3));
      const c = Math.round(short ? gross * rng.range(1.04, 1.09) : net * rng.range(0.9, 0.96));
      const pb = Math.round(short ? pbfGross * rng.range(1.03, 1.07) : pbfNet * rng.range(0.9, 0.96));
      sumC += c;
      sumP += pb;
      regions.push({ code: t.code, name: t.name, level: 'township', cultivated_mu: c, permanent_basic_mu: pb });
    }
    regions.unshift({ code: COUNTY.code, name: countyName, level: 'county', cultivated_mu: sumC, permanent_basic_mu: sumP });
    files.set(
      'targets.json',
      `${JSON.stringify({ synthetic: true, note: '合成数据，非官方下达任务 / synthetic, not official allocated tasks', unit: '亩', regions }, null, 1)}\n`,
    );
  }
  const productivity: Record<string, number> = {};
  for (let g = 1; g <= 10; g++) productivity[String(g)] = Math.round(1000 - ((g - 1) * 700) / 9);
  files.set(
    'config.json',
    `${JSON.stringify(
      {
        '//': '示意值（illustrative），非官方标准：产能 kg/亩/年 按耕地质量等级 GDDJ；耕地开垦费 元/亩；占用永久基本农田的倍数 / illustrative defaults, not official figures: productivity kg/mu/yr by GDDJ, reclamation fee yuan/mu, multiplier for permanent basic farmland',
        note: '合成演示数据的配置，请按本省规定修改 / config of the synthetic demo: edit to your province’s rules',
        productivity: { gddj: productivity },
        fee_rates: { default: 40000 },
        pbf_fee_multiplier: 2,
      },
      null,
      1,
    )}\n`,
  );
  files.set(
    'manifest.json',
    `${JSON.stringify(
      {
        name: `${countyName}耕地保护一张图演示数据（合成数据 synthetic）`,
        synthetic: true,
        crs: 'EPSG:4490',
        seed: opts.seed,
        parcels_requested: opts.parcels,
        layers: LAYER_KINDS.map((k) => ({ kind: k.id, file: LAYER_FILES[k.id], name: k.zh })),
        targets: 'targets.json',
        config: 'config.json',
        basemap: { roads: 'roads.geojson', townships: 'townships.geojson', places: 'places.geojson' },
      },
      null,
      1,
    )}\n`,
  );

  // ---- dirty variant: one township's cultivated parcels with exactly four planted defects
  const dirty = buildDirty(w, parcels, blocks);
  for (const [name, text] of dirty.files) files.set(name, text);

  if (options.png !== false) files.set('county.png', renderCountyPng(w, layers));

  const stats: GenStats = {
    parcels: parcels.length,
    blocks: blocks.length,
    layers: Object.fromEntries([...layers].map(([k, v]) => [k, v.length])),
    plantedEcoConflicts: plantedEco,
    plantedUrbanConflicts: plantedUrban,
    dirtyTownship: dirty.township,
  };
  return { files, stats };
}

function buildDirty(w: World, parcels: Parcel[], blocks: ReturnType<typeof buildBlocks>): { files: Map<string, string | Uint8Array>; township: string } {
  // the township with a convex block holding two neighbouring strips of one band series
  const counts = new Map<number, number>();
  for (const p of parcels) counts.set(p.township, (counts.get(p.township) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const tIndex = sorted[Math.floor(sorted.length / 2)][0];
  const list = parcels.filter((p) => p.township === tIndex);
  const feats = list.map((p) => ({ geometry: JSON.parse(JSON.stringify(p.geometry)) as GeoPolygon, properties: { ...p.props } }));
  const used = new Set<number>();
  // 1. sliver overlap: widen strip A across the 2 m ridge so it overlaps its neighbour B by 0.3 m
  let sliver: { a: number; b: number } | undefined;
  for (let step = 0; step < list.length && !sliver; step++) {
    const i = (step + Math.floor(list.length * 0.41)) % list.length;
    const A = list[i].strip;
    if (!A.cut.convex || A.cut.cross) continue;
    for (let j = 0; j < list.length; j++) {
      const B = list[j].strip;
      if (j === i || B.block !== A.block || !B.cut.convex || B.cut.cross || B.cut.half !== A.cut.half || B.cut.band !== A.cut.band + 1) continue;
      if (Math.abs(B.cut.lo - A.cut.hi) > 2.5) continue;
      const block = blocks[A.block];
      const widened = clipBand(block, A.cut.dir, A.cut.n, A.cut.lo, B.cut.lo + 0.3);
      if (widened.length !== 1) continue;
      const g = polysToGeometry(widened);
      if (g?.type !== 'Polygon') continue;
      const f = feats[i];
      const tbmj = areaOf(g);
      const kcxs = Number(f.properties.KCXS);
      f.geometry = g;
      f.properties.TBMJ = tbmj;
      f.properties.KCMJ = round2(tbmj * kcxs);
      f.properties.TBDLMJ = round2(tbmj - Number(f.properties.KCMJ));
      sliver = { a: i, b: j };
      used.add(i).add(j);
    }
  }
  if (!sliver) throw new Error('gen-demo: no neighbouring strips for the planted sliver');
  // 2. self-intersection: a tiny crossing loop on the longest edge of a large parcel (area change < 0.5 %)
  let selfX = -1;
  for (let step = 0; step < list.length && selfX < 0; step++) {
    const i = (step + Math.floor(list.length * 0.13)) % list.length;
    if (used.has(i) || list[i].tbmj < 20000 || list[i].poly.length !== 1) continue;
    const ring = feats[i].geometry.coordinates[0];
    let best = -1;
    let bl = 0;
    for (let e = 0; e + 1 < ring.length; e++) {
      const l = Math.hypot((ring[e + 1][0] - ring[e][0]) * 76600, (ring[e + 1][1] - ring[e][1]) * 111000);
      if (l > bl) {
        bl = l;
        best = e;
      }
    }
    if (bl < 200) continue;
    const a = ring[best];
    const b = ring[best + 1];
    // inward normal for a CCW ring is to the left of a→b
    const dx = (b[0] - a[0]) * 76600;
    const dy = (b[1] - a[1]) * 111000;
    const len = Math.hypot(dx, dy);
    const off = 1; // metres
    const nx = (-dy / len) * off;
    const ny = (dx / len) * off;
    const at = (t: number): number[] => [
      Math.round((a[0] + (b[0] - a[0]) * t + nx / 76600) * 1e7) / 1e7,
      Math.round((a[1] + (b[1] - a[1]) * t + ny / 111000) * 1e7) / 1e7,
    ];
    ring.splice(best + 1, 0, at(0.6), at(0.4));
    selfX = i;
    used.add(i);
  }
  // 3. TBMJ that disagrees with the geometry (+15 %); KCMJ/TBDLMJ follow the declared TBMJ
  let badArea = -1;
  for (let i = Math.floor(list.length * 0.62); i < list.length && badArea < 0; i++) {
    if (used.has(i)) continue;
    const f = feats[i];
    const tbmj = round2(Number(f.properties.TBMJ) * 1.15);
    f.properties.TBMJ = tbmj;
    f.properties.KCMJ = round2(tbmj * Number(f.properties.KCXS));
    f.properties.TBDLMJ = round2(tbmj - Number(f.properties.KCMJ));
    badArea = i;
    used.add(i);
  }
  // 4. a DLBM that is no 地类 code
  let badCode = -1;
  for (let i = Math.floor(list.length * 0.86); i < list.length && badCode < 0; i++) {
    if (used.has(i)) continue;
    feats[i].properties.DLBM = '0109';
    badCode = i;
    used.add(i);
  }
  const t = w.townships[tIndex];
  const id = (i: number) => String(feats[i].properties.BSM);
  const defects = {
    synthetic: true,
    file: 'dirty-cultivated.geojson',
    township: { code: t.code, name: t.name },
    features: feats.length,
    defects: [
      { kind: 'self-intersection', featureIndex: selfX, BSM: id(selfX), note: '最长边上插入一个 1 m 的交叉小环 / a 1 m crossing loop on the longest edge' },
      { kind: 'overlap', featureIndex: sliver.a, otherIndex: sliver.b, BSM: id(sliver.a), otherBSM: id(sliver.b), note: '图斑 A 越过 2 m 田埂压盖相邻图斑 B 0.3 m / A crosses the 2 m ridge and overlaps B by a 0.3 m sliver' },
      { kind: 'tbmj-mismatch', featureIndex: badArea, BSM: id(badArea), field: 'TBMJ', note: 'TBMJ = 1.15 × 椭球面积 / TBMJ = 1.15 × ellipsoidal area' },
      { kind: 'bad-dlbm', featureIndex: badCode, BSM: id(badCode), field: 'DLBM', value: '0109', note: '0109 不是地类编码 / 0109 is not a land-use code' },
    ],
  };
  const files = new Map<string, string | Uint8Array>();
  files.set('dirty-cultivated.geojson', featureCollection(`${COUNTY.name}${t.name}耕地（含预设错误 with planted defects，合成数据 synthetic）`, feats));
  files.set('dirty-defects.json', `${JSON.stringify(defects, null, 1)}\n`);
  files.set(
    'dirty-manifest.json',
    `${JSON.stringify(
      {
        name: `${COUNTY.name}${t.name}耕地·含预设错误（合成数据 synthetic）`,
        synthetic: true,
        crs: 'EPSG:4490',
        layers: [{ kind: 'cultivated', file: 'dirty-cultivated.geojson', name: '耕地（含预设错误）' }],
        defects: 'dirty-defects.json',
      },
      null,
      1,
    )}\n`,
  );
  return { files, township: `${t.code} ${t.name}` };
}

export { LAT0, LON0 };
