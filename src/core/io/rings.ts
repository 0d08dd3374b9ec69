/**
 * Shapefile polygon rings → RFC 7946 Polygon / MultiPolygon. In a Shapefile every part of a polygon record is a
 * ring: outer rings run clockwise, holes counter-clockwise, in any order. Each hole goes to the smallest outer
 * ring that contains it (point-in-ring on a few of its vertices, bbox first). Output rings are closed, outer
 * rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
 *
 * Tolerated: unclosed rings (closed), rings of fewer than 3 distinct positions and zero-area rings (dropped),
 * a record whose rings are all counter-clockwise (taken as outer rings — some writers ignore the rule), a hole
 * inside no outer ring (kept as an outer ring). Each of these is noted so the caller can warn.
 */

export type Pos = number[];
export type RingCoords = Pos[];

export interface AssembledPolygon {
  geometry: { type: 'Polygon'; coordinates: RingCoords[] } | { type: 'MultiPolygon'; coordinates: RingCoords[][] } | null;
  notes: string[];
}

/** Twice the signed area (positive = counter-clockwise with y up), relative to the first vertex for precision. */
export function ringArea2(ring: readonly Pos[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const x0 = ring[0][0];
  const y0 = ring[0][1];
  let s = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    s += (ring[j][0] - x0) * (ring[i][1] - y0) - (ring[i][0] - x0) * (ring[j][1] - y0);
  }
  return s;
}

function bboxOf(ring: readonly Pos[]): [number, number, number, number] {
  let a = Infinity;
  let b = Infinity;
  let c = -Infinity;
  let d = -Infinity;
  for (const p of ring) {
    if (p[0] < a) a = p[0];
    if (p[1] < b) b = p[1];
    if (p[0] > c) c = p[0];
    if (p[1] > d) d = p[1];
  }
  return [a, b, c, d];
}

/** Ray casting; points exactly on the boundary may go either way (callers test several vertices). */
export function pointInRing(x: number, y: number, ring: readonly Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

interface Outer {
  ring: RingCoords;
  area: number;
  bbox: [number, number, number, number];
  holes: RingCoords[];
}

function closeRing(ring: RingCoords): RingCoords {
  const f = ring[0];
  const l = ring[ring.length - 1];
  return f[0] === l[0] && f[1] === l[1] ? ring : [...ring, [f[0], f[1]]];
}

/** Whether the ring has at least 3 distinct positions. */
function hasThreeDistinct(ring: RingCoords): boolean {
  const a = ring[0];
  let b: Pos | undefined;
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i];
    if (p[0] === a[0] && p[1] === a[1]) continue;
    if (!b) b = p;
    else if (p[0] !== b[0] || p[1] !== b[1]) return true;
  }
  return false;
}

/** Whether `hole` lies inside `outer`: majority vote over up to 5 of its vertices spread along it. */
function holeInside(hole: RingCoords, outer: Outer): boolean {
  const hb = bboxOf(hole);
  if (hb[0] < outer.bbox[0] || hb[1] < outer.bbox[1] || hb[2] > outer.bbox[2] || hb[3] > outer.bbox[3]) return false;
  const n = hole.length - 1;
  const k = Math.min(5, n);
  let yes = 0;
  for (let i = 0; i < k; i++) {
    const p = hole[Math.floor((i * n) / k)];
    if (pointInRing(p[0], p[1], outer.ring)) yes++;
  }
  return yes * 2 > k;
}

export function assemblePolygon(parts: readonly RingCoords[]): AssembledPolygon {
  const notes: string[] = [];
  const cw: RingCoords[] = [];
  const ccw: RingCoords[] = [];
  let dropped = 0;
  for (const part of parts) {
    if (part.length < 3 || !hasThreeDistinct(part)) {
      dropped++;
      continue;
    }
    const ring = closeRing(part);
    const a = ringArea2(ring);
    if (a === 0) dropped++;
    else (a < 0 ? cw : ccw).push(ring);
  }
  if (dropped) notes.push(`${dropped} 个退化环被忽略 / ${dropped} degenerate ring(s) dropped`);
  let outerRings = cw;
  let holeRings = ccw;
  if (cw.length === 0 && ccw.length > 0) {
    notes.push('所有环都是逆时针，按外环处理 / all rings counter-clockwise: taken as outer rings');
    outerRings = ccw;
    holeRings = [];
  }
  if (outerRings.length === 0) return { geometry: null, notes };
  const outers: Outer[] = outerRings.map((ring) => ({ ring, area: Math.abs(ringArea2(ring)), bbox: bboxOf(ring), holes: [] }));
  let orphans = 0;
  for (const hole of holeRings) {
    let best: Outer | undefined;
    for (const o of outers) if ((!best || o.area < best.area) && holeInside(hole, o)) best = o;
    if (best) best.holes.push(hole);
    else {
      orphans++;
      outers.push({ ring: hole, area: Math.abs(ringArea2(hole)), bbox: bboxOf(hole), holes: [] });
    }
  }
  if (orphans) notes.push(`${orphans} 个内环不在任何外环内，按外环处理 / ${orphans} hole(s) inside no outer ring: kept as outer rings`);
  const polys: RingCoords[][] = outers.map((o) => [
    ringArea2(o.ring) < 0 ? [...o.ring].reverse() : o.ring,
    ...o.holes.map((h) => (ringArea2(h) > 0 ? [...h].reverse() : h)),
  ]);
  return {
    geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys },
    notes,
  };
}
