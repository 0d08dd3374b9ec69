/**
 * Geometry of an area layer's feature: Polygon or MultiPolygon only; every ring an array of ≥ 4 positions, closed
 * (first = last), with at least 3 distinct vertices; every position an array of numbers with finite lon in
 * −180..180 and lat in −90..90. One linear pass, no recursion, never throws. Findings: at most one per code per
 * feature (the first place it occurs). Positions that look like projected metres are not reported per feature;
 * they are counted for the one file-level finding (projected.ts).
 */
import { type FlatGeometry, flatOf } from '../io/flatGeometry';
import type { BBox, PolygonCoords } from '../types';
import type { FlatRings } from './flatRings';
import type { FeatureLoc, FindingSink } from './messages';
import { showValue } from './messages';
import { looksProjected, type ProjectedStats } from './projected';

export interface CheckedGeometry {
  /** Polygon parts (a Polygon is one part); not built for a flat geometry (flatGeometry.ts). */
  parts?: PolygonCoords[];
  /** Rings of each part. */
  ringsPerPart: number[];
  /**
   * The index of the geometry's first ring in `rings`, or else in the FlatRings given to write to (part p's rings
   * follow part p − 1's).
   */
  firstRing: number;
  /** Where the rings are when not in the FlatRings given: a flat geometry's store. */
  rings?: { xs: Float64Array; ys: Float64Array; ringStart: Int32Array };
  bbox: BBox;
  positions: number;
  /** Some position has more than two ordinates (altitude, measure …). */
  extraOrdinates: boolean;
}

type Problem = { code: string; zh: string; en: string };

class FeatureProblems {
  readonly list: Problem[] = [];
  private readonly seen = new Set<string>();
  add(code: string, zh: string, en: string): void {
    if (this.seen.has(code)) return;
    this.seen.add(code);
    this.list.push({ code, zh, en });
  }
}

/** Add a problem to the feature's list, creating the list on the first one. */
function noted(problems: FeatureProblems | undefined, code: string, zh: string, en: string): FeatureProblems {
  const list = problems ?? new FeatureProblems();
  list.add(code, zh, en);
  return list;
}

function where(part: number, ring: number, multi: boolean, pos?: number): { zh: string; en: string } {
  const zh = `${multi ? `第 ${part} 部分 ` : ''}环 ${ring}${pos !== undefined ? ` 位置 ${pos}` : ''}`;
  const en = `${multi ? `part ${part} ` : ''}ring ${ring}${pos !== undefined ? ` position ${pos}` : ''}`;
  return { zh, en };
}

/**
 * Check one feature's geometry. Returns the checked geometry when it can carry area, else undefined (blocked)
 * after adding its findings to the sink.
 */
function fail(sink: FindingSink, loc: FeatureLoc, code: string, zh: string, en: string): undefined {
  sink.add('error', code, zh, en, loc);
  return undefined;
}

/**
 * `flat`: when given, the positions of an accepted geometry are appended to it, ring by ring (see flatRings.ts);
 * nothing stays written for a geometry that is not accepted.
 */
export function checkGeometry(geom: unknown, loc: FeatureLoc, sink: FindingSink, projected: ProjectedStats, flat?: FlatRings): CheckedGeometry | undefined {
  const fg = flatOf(geom);
  if (fg) return checkFlat(fg);
  if (geom === undefined) return fail(sink, loc, 'geometry.missing', '没有 geometry 成员', 'has no "geometry" member');
  if (geom === null) return fail(sink, loc, 'geometry.missing', 'geometry 为 null（没有几何）', 'geometry is null (no shape)');
  if (typeof geom !== 'object' || Array.isArray(geom))
    return fail(sink, loc, 'geometry.invalid', `geometry 不是对象（${showValue(geom)}）`, `geometry is not an object (${showValue(geom)})`);
  const type = (geom as { type?: unknown }).type;
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return fail(
      sink,
      loc,
      'geometry.type',
      `几何类型 ${showValue(type)} 不是面；面积图层需要 Polygon 或 MultiPolygon`,
      `geometry type ${showValue(type)} is not an area; area layers need Polygon or MultiPolygon`,
    );
  const coords = (geom as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coords))
    return fail(sink, loc, 'geometry.coordinates', `${type} 的 coordinates 不是数组（${showValue(coords)}）`, `${type} coordinates is not an array (${showValue(coords)})`);
  const multi = type === 'MultiPolygon';
  const parts = (multi ? coords : [coords]) as unknown[];
  if (parts.length === 0) return fail(sink, loc, 'geometry.empty', `${type} 没有坐标（空几何）`, `${type} has no coordinates (empty geometry)`);

  // created on the first problem: a valid geometry allocates nothing but its result
  let problems: FeatureProblems | undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let positions = 0;
  let extraOrdinates = false;
  let projectedSeen = false;
  let px = 0;
  let py = 0;
  const markN = flat ? flat.n : 0;
  const firstRing = flat ? flat.rings : 0;

  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!Array.isArray(part)) {
      const w = where(p, 0, multi);
      problems = noted(problems, 'geometry.coordinates', `${multi ? `第 ${p} 部分` : 'coordinates'} 不是环的数组`, `${multi ? `part ${p}` : 'coordinates'} is not an array of rings (${w.en})`);
      continue;
    }
    if (part.length === 0) {
      problems = noted(problems, 'geometry.empty', multi ? `第 ${p} 部分没有环` : 'Polygon 没有环', multi ? `part ${p} has no rings` : 'Polygon has no rings');
      continue;
    }
    for (let r = 0; r < part.length; r++) {
      const ring = part[r];
      if (!Array.isArray(ring)) {
        const w = where(p, r, multi);
        problems = noted(problems, 'geometry.coordinates', `${w.zh} 不是位置数组（${showValue(ring)}）`, `${w.en} is not an array of positions (${showValue(ring)})`);
        continue;
      }
      const n = ring.length;
      let ringOk = true;
      // positions go straight into flat's arrays (room reserved for the whole ring)
      let fx: Float64Array | undefined;
      let fy: Float64Array | undefined;
      let fn = 0;
      if (flat) {
        flat.beginRing(n);
        fx = flat.xs;
        fy = flat.ys;
        fn = flat.n;
      }
      for (let k = 0; k < n; k++) {
        const pos = ring[k];
        if (!Array.isArray(pos) || pos.length < 2) {
          const w = where(p, r, multi, k);
          problems = noted(problems, 'geometry.position', `${w.zh} 不是 [经度, 纬度]（${showValue(pos)}）`, `${w.en} is not a [lon, lat] pair (${showValue(pos)})`);
          ringOk = false;
          continue;
        }
        const x = pos[0];
        const y = pos[1];
        if (typeof x !== 'number' || typeof y !== 'number') {
          const w = where(p, r, multi, k);
          const bad = typeof x !== 'number' ? x : y;
          problems = noted(problems, 'geometry.position', `${w.zh} 的坐标不是数字（${showValue(bad)}）`, `${w.en} has a coordinate that is not a number (${showValue(bad)})`);
          ringOk = false;
          continue;
        }
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          const w = where(p, r, multi, k);
          problems = noted(problems, 'geometry.non-finite', `${w.zh} 的坐标不是有限数（${x}, ${y}）`, `${w.en} has a non-finite coordinate (${x}, ${y})`);
          ringOk = false;
          continue;
        }
        if (x < -180 || x > 180 || y < -90 || y > 90) {
          ringOk = false;
          if (looksProjected(x, y)) {
            if (!projectedSeen) {
              projectedSeen = true;
              px = x;
              py = y;
            }
            continue;
          }
          const w = where(p, r, multi, k);
          const swapped = Math.abs(x) <= 90 && Math.abs(y) <= 180;
          problems = noted(problems, 
            'geometry.out-of-range',
            `${w.zh} 的经纬度超出范围（${x}, ${y}；经度 −180..180，纬度 −90..90）${swapped ? '；经纬度顺序可能颠倒（GeoJSON 为 [经度, 纬度]）' : ''}`,
            `${w.en} is outside lon/lat range (${x}, ${y}; lon −180..180, lat −90..90)${swapped ? '; lon and lat may be swapped (GeoJSON is [lon, lat])' : ''}`,
          );
          continue;
        }
        if (pos.length > 2) extraOrdinates = true;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
        if (fx !== undefined && fy !== undefined) {
          fx[fn] = x;
          fy[fn] = y;
          fn++;
        }
      }
      if (flat) {
        flat.n = fn;
        flat.endRing();
      }
      positions += n;
      if (n < 4) {
        const w = where(p, r, multi);
        problems = noted(problems, 'geometry.ring-too-short', `${w.zh} 只有 ${n} 个位置；闭合环至少需要 4 个`, `${w.en} has ${n} position(s); a closed ring needs at least 4`);
        continue;
      }
      if (!ringOk) continue;
      const first = ring[0] as number[];
      const last = ring[n - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        const w = where(p, r, multi);
        problems = noted(problems, 
          'geometry.ring-unclosed',
          `${w.zh} 未闭合：首位置 (${first[0]}, ${first[1]}) 与末位置 (${last[0]}, ${last[1]}) 不同`,
          `${w.en} is not closed: first position (${first[0]}, ${first[1]}) differs from last (${last[0]}, ${last[1]})`,
        );
        continue;
      }
      if (distinctVertices(ring as number[][]) < 3) {
        const w = where(p, r, multi);
        problems = noted(problems, 'geometry.ring-degenerate', `${w.zh} 不足 3 个不同顶点，没有面积`, `${w.en} has fewer than 3 distinct vertices and no area`);
      }
    }
  }
  if (projectedSeen) projected.note(loc.index, loc.id ?? `#${loc.index}`, px, py);
  if (problems !== undefined || projectedSeen) {
    if (problems) for (const pr of problems.list) sink.add('error', pr.code, pr.zh, pr.en, loc);
    flat?.rollback(markN, firstRing);
    return undefined;
  }
  const ringsPerPart = (parts as unknown[][]).map((p) => p.length);
  return { parts: parts as PolygonCoords[], ringsPerPart, firstRing, bbox: [minX, minY, maxX, maxY], positions, extraOrdinates };
}

/**
 * A flat geometry passed every check above when it was scanned (flatGeojson.ts accepts only Polygon / MultiPolygon
 * with closed rings of ≥ 4 two-number positions in lon/lat range and ≥ 3 distinct vertices; anything else goes the
 * nested way): nothing to report. Its rings are read where they are, in the layer's store (`rings`).
 */
function checkFlat(g: FlatGeometry): CheckedGeometry {
  const { ringStart, partStart, featurePart, bbox } = g.store;
  const f = g.feature;
  const p0 = featurePart[f];
  const p1 = featurePart[f + 1];
  // (called once per feature: an array of its exact length, where [] and push reserved 17 slots; the store itself as
  // `rings`, not an object per feature — 0.1–0.2 KB less garbage per parcel, test/bench/importProfile.ts --alloc)
  const ringsPerPart = new Array<number>(p1 - p0);
  for (let p = p0; p < p1; p++) ringsPerPart[p - p0] = partStart[p + 1] - partStart[p];
  const r0 = partStart[p0];
  const r1 = partStart[p1];
  const positions = ringStart[r1] - ringStart[r0];
  return { ringsPerPart, firstRing: r0, rings: g.store, bbox: [bbox[f * 4], bbox[f * 4 + 1], bbox[f * 4 + 2], bbox[f * 4 + 3]], positions, extraOrdinates: false };
}

/** Vertices of a closed ring after dropping consecutive repeats and the closing position. */
export function distinctVertices(ring: readonly (readonly number[])[]): number {
  let m = 0;
  let lx = Number.NaN;
  let ly = Number.NaN;
  for (let k = 0; k < ring.length - 1; k++) {
    const x = ring[k][0];
    const y = ring[k][1];
    if (x !== lx || y !== ly) m++;
    lx = x;
    ly = y;
  }
  // the last kept vertex may equal the first (repeats wrapped around the closing position)
  if (m > 1 && lx === ring[0][0] && ly === ring[0][1]) m--;
  return m;
}
