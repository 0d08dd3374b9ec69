/**
 * Shapefile polygon rings → RFC 7946 Polygon / MultiPolygon, by nesting checked against orientation.
 *
 * Every part of a Shapefile polygon record is a ring; the specification says outer rings run clockwise and holes
 * counter-clockwise, in any order. Rings are organised by containment (each ring's parent is the smallest ring
 * that contains it; even depth = outer ring, odd depth = hole of its parent), and the result is accepted only
 * when it agrees with the orientations, i.e. with the reading GDAL gives (OGRGeometryFactory::organizePolygons,
 * METHOD=ONLY_CCW, as shape2ogr.cpp calls it). Where the two disagree — a clockwise ring inside an outer ring, a
 * counter-clockwise ring inside no outer ring or around the outer ring, a hole inside a hole, nested rings that
 * are all counter-clockwise — GDAL's figure counts an area twice or subtracts a hole that is not there, so the
 * record is refused (`error` says which rings and why) rather than given a silently wrong area.
 *
 * Containment ignores vertices lying on the other ring's boundary (a hole touching its shell at two vertices
 * is still a hole). Tolerated, with a note: unclosed rings (closed), rings of fewer than 3 distinct positions and
 * zero-area rings (dropped: no area either way), several disjoint counter-clockwise rings (outer rings, as GDAL
 * reads them). Output rings are closed, outer rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
 */

export type Pos = number[];
export type RingCoords = Pos[];

export interface AssembledPolygon {
  geometry: { type: 'Polygon'; coordinates: RingCoords[] } | { type: 'MultiPolygon'; coordinates: RingCoords[][] } | null;
  notes: string[];
  /** Set when the record is refused (geometry null): which rings, what is wrong; zh / en. */
  error?: string;
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
  return rayCast(x, y, ring, false) > 0;
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

/** 1 inside, -1 outside, 0 on the boundary (within a relative tolerance) of a closed ring. */
export function pointClass(x: number, y: number, ring: readonly Pos[]): number {
  return rayCast(x, y, ring, true);
}

/** Ray casting: 1 inside, -1 outside; with `boundary`, 0 for a point on an edge (relative tolerance 1e-12). */
function rayCast(x: number, y: number, ring: readonly Pos[], boundary: boolean): number {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (boundary && x >= Math.min(xi, xj) && x <= Math.max(xi, xj) && y >= Math.min(yi, yj) && y <= Math.max(yi, yj)) {
      const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
      const scale = Math.abs(xj - xi) + Math.abs(yj - yi);
      if (Math.abs(cross) <= 1e-12 * scale * scale) return 0;
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

interface Ring {
  /** 1-based part number in the record, for messages. */
  part: number;
  ring: RingCoords;
  /** Twice the signed area: > 0 counter-clockwise. */
  a2: number;
  bbox: [number, number, number, number];
  parent: Ring | undefined;
  depth: number;
}

/** Whether ring `a` lies inside ring `b`: the first vertex (or edge midpoint) not on b's boundary decides. */
function inside(a: Ring, b: Ring): boolean {
  const ab = a.bbox;
  const bb = b.bbox;
  if (ab[0] < bb[0] || ab[1] < bb[1] || ab[2] > bb[2] || ab[3] > bb[3]) return false;
  const r = a.ring;
  for (let i = 0; i < r.length - 1; i++) {
    const c = pointClass(r[i][0], r[i][1], b.ring);
    if (c !== 0) return c > 0;
  }
  for (let i = 0; i < r.length - 1; i++) {
    const c = pointClass((r[i][0] + r[i + 1][0]) / 2, (r[i][1] + r[i + 1][1]) / 2, b.ring);
    if (c !== 0) return c > 0;
  }
  return false; // the same ring traced twice: neither contains the other
}

const orient = (r: Ring): string => (r.a2 < 0 ? '顺时针 clockwise' : '逆时针 counter-clockwise');

export function assemblePolygon(parts: readonly RingCoords[]): AssembledPolygon {
  if (parts.length === 1) {
    // The common case, kept lean: one ring is the polygon whatever its direction (as in GDAL).
    const part = parts[0];
    if (part.length >= 3 && hasThreeDistinct(part)) {
      const ring = closeRing(part);
      const a2 = ringArea2(ring);
      if (a2 !== 0) return { geometry: { type: 'Polygon', coordinates: [a2 > 0 ? ring : [...ring].reverse()] }, notes: [] };
    }
  }
  const notes: string[] = [];
  const rings: Ring[] = [];
  let dropped = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part.length < 3 || !hasThreeDistinct(part)) {
      dropped++;
      continue;
    }
    const ring = closeRing(part);
    const a2 = ringArea2(ring);
    if (a2 === 0) dropped++;
    else rings.push({ part: k + 1, ring, a2, bbox: bboxOf(ring), parent: undefined, depth: 0 });
  }
  if (dropped) notes.push(`${dropped} 个退化环被忽略 / ${dropped} degenerate ring(s) dropped`);
  if (rings.length === 0) return { geometry: null, notes };
  const ccwOut = (r: Ring, wantCcw: boolean): RingCoords => (r.a2 > 0 === wantCcw ? r.ring : [...r.ring].reverse());
  if (rings.length === 1) return { geometry: { type: 'Polygon', coordinates: [ccwOut(rings[0], true)] }, notes };
  // Nesting: largest first, so a ring's possible parents are placed before it; the parent is the smallest container.
  const byArea = [...rings].sort((p, q) => Math.abs(q.a2) - Math.abs(p.a2));
  for (let i = 1; i < byArea.length; i++) {
    const r = byArea[i];
    for (let j = i - 1; j >= 0; j--) {
      if (inside(r, byArea[j])) {
        r.parent = byArea[j];
        r.depth = byArea[j].depth + 1;
        break;
      }
    }
  }
  const refuse = (zh: string, en: string): AssembledPolygon => ({
    geometry: null,
    notes,
    error: `环的嵌套与方向矛盾，GDAL 的读法会重复计算或错扣面积，拒绝读取此记录：${zh} / ring nesting contradicts ring orientation (GDAL's reading would count area twice or subtract a hole that is not there), record refused: ${en}`,
  });
  const anyCw = rings.some((r) => r.a2 < 0);
  if (!anyCw) {
    const nested = rings.find((r) => r.parent);
    if (nested?.parent)
      return refuse(
        `所有环都是逆时针，第 ${nested.part} 个环位于第 ${nested.parent.part} 个环内（是洞还是重叠的外环无法确定）`,
        `all rings are counter-clockwise and ring ${nested.part} lies inside ring ${nested.parent.part} (a hole or an overlapping outer ring cannot be told apart)`,
      );
    notes.push('所有环都是逆时针且互不包含，按多个外环处理 / all rings counter-clockwise and disjoint: taken as outer rings');
  } else {
    for (const r of rings) {
      const cw = r.a2 < 0;
      if (cw && r.depth % 2 === 1 && r.parent && r.parent.a2 > 0 && !r.parent.parent)
        return refuse(
          `第 ${r.parent.part} 个环是逆时针（洞），却包住了第 ${r.part} 个环（${orient(r)}）`,
          `ring ${r.parent.part} is counter-clockwise (a hole) but contains ring ${r.part} (${orient(r).split(' ')[1]})`,
        );
      if (cw && r.depth % 2 === 1 && r.parent)
        return refuse(
          `第 ${r.part} 个环是顺时针（外环），却位于第 ${r.parent.part} 个环（${orient(r.parent)}）内，两部分重叠`,
          `ring ${r.part} is clockwise (an outer ring) but lies inside ring ${r.parent.part} (${orient(r.parent).split(' ')[1]}): the parts overlap`,
        );
      if (!cw && r.depth % 2 === 0) {
        const child = rings.find((c) => c.parent === r);
        if (child)
          return refuse(
            `第 ${r.part} 个环是逆时针（洞），却包住了第 ${child.part} 个环（${orient(child)}）`,
            `ring ${r.part} is counter-clockwise (a hole) but contains ring ${child.part} (${orient(child).split(' ')[1]})`,
          );
        if (r.parent)
          return refuse(
            `第 ${r.part} 个环是逆时针（洞），却位于洞（第 ${r.parent.part} 个环）内`,
            `ring ${r.part} is counter-clockwise (a hole) but lies inside hole ${r.parent.part}`,
          );
        return refuse(`第 ${r.part} 个环是逆时针（洞），却不在任何外环内`, `ring ${r.part} is counter-clockwise (a hole) but lies inside no outer ring`);
      }
    }
  }
  const polys: RingCoords[][] = [];
  const index = new Map<Ring, RingCoords[]>();
  for (const r of rings)
    if (r.depth % 2 === 0) {
      const poly = [ccwOut(r, true)];
      index.set(r, poly);
      polys.push(poly);
    }
  for (const r of rings) if (r.depth % 2 === 1 && r.parent) index.get(r.parent)?.push(ccwOut(r, false));
  return {
    geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys },
    notes,
  };
}
