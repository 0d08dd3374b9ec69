/**
 * Farmland geometry: each township's rotated field grid (field roads and shelterbelts) is cut by roads, canals,
 * the river, villages and boundaries into blocks; blocks are cut into long strips (along the grid, or along the
 * contour on slopes), sometimes split across, with 2 m field ridges between them. Gaps everywhere mean parcels
 * never overlap, even after rounding to 1 cm.
 */
import {
  clipHalfPlane,
  cleanRing,
  interiorPoint,
  isConvex,
  offsetPolygon,
  type Poly,
  type Pt,
  pcDifference,
  pcIntersection,
  pointInPolys,
  polyArea,
  type Ring,
  ringBBox,
  ringPerimeter,
} from './geom';
import Flatbush from 'flatbush';
import { Rng } from './prng';
import { gradient, slopeDeg, type World } from './world';

export const MU = 2000 / 3;
/** Enforced parcel size range (亩) of cultivated parcels — typical 三调 耕地 parcels. */
export const PARCEL_MU_RANGE = [3, 500] as const;
/** Planar bounds with margin for the local-projection scale error (the final check uses the ellipsoidal TBMJ). */
const MIN_M2 = PARCEL_MU_RANGE[0] * MU * 1.04;
const MAX_M2 = PARCEL_MU_RANGE[1] * MU * 0.96;
const RIDGE = 1; // half of the 2 m gap between strips
const FIELD_ROAD = 4; // inset of grid cells: 8 m field roads
const SHELTERBELT = 9; // inset along every other row line: 18 m shelterbelt and road

export interface Block {
  id: number;
  township: number;
  i: number;
  j: number;
  poly: Poly;
  convex: boolean;
  area: number;
  center: Pt;
}

export interface Strip {
  poly: Poly;
  block: number;
  township: number;
  /** How the strip was cut (for the dirty variant's planted sliver): band along `n` and optional cross cut. */
  cut: { dir: Pt; n: Pt; lo: number; hi: number; band: number; half: number; convex: boolean; cross?: { lo: number; hi: number } };
}

function rectRing(o: Pt, u: Pt, v: Pt, u0: number, u1: number, v0: number, v1: number): Ring {
  const P = (a: number, b: number): Pt => [o[0] + u[0] * a + v[0] * b, o[1] + u[1] * a + v[1] * b];
  return [P(u0, v0), P(u1, v0), P(u1, v1), P(u0, v1)];
}

/** Segment–segment proper crossing test. */
function crosses(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const d1 = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d2 = (b[0] - a[0]) * (d[1] - a[1]) - (b[1] - a[1]) * (d[0] - a[0]);
  const d3 = (d[0] - c[0]) * (a[1] - c[1]) - (d[1] - c[1]) * (a[0] - c[0]);
  const d4 = (d[0] - c[0]) * (b[1] - c[1]) - (d[1] - c[1]) * (b[0] - c[0]);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/**
 * cell ∩ township. Fast path: when the township's boundary crosses the (convex) cell at most twice, clipping
 * the township ring by the cell's half-planes (Sutherland–Hodgman) is exact. Otherwise polyclip.
 */
function clipToTownship(cell: Ring, bb: [number, number, number, number], polys: Poly[]): Poly[] {
  let crossings = 0;
  let touched = -1;
  let simple = true;
  polys.forEach((poly, pi) => {
    poly.forEach((r, ri) => {
      for (let i = 0; i < r.length; i++) {
        const a = r[i];
        const b = r[(i + 1) % r.length];
        if (Math.max(a[0], b[0]) < bb[0] || Math.min(a[0], b[0]) > bb[2] || Math.max(a[1], b[1]) < bb[1] || Math.min(a[1], b[1]) > bb[3]) continue;
        for (let e = 0; e < 4; e++)
          if (crosses(a, b, cell[e], cell[(e + 1) % 4])) {
            crossings++;
            if (ri > 0) simple = false;
            if (touched >= 0 && touched !== pi) simple = false;
            touched = pi;
          }
      }
    });
  });
  if (crossings === 0) {
    const c: Pt = [(cell[0][0] + cell[2][0]) / 2, (cell[0][1] + cell[2][1]) / 2];
    return pointInPolys(c, polys) ? [[cell]] : [];
  }
  if (crossings === 2 && simple) {
    let r = polys[touched][0];
    for (let e = 0; e < 4 && r.length >= 3; e++) {
      const a = cell[e];
      const b = cell[(e + 1) % 4];
      // keep the left side of a→b (cell is counter-clockwise)
      const nx = b[1] - a[1];
      const ny = a[0] - b[0];
      r = clipHalfPlane(r, nx, ny, nx * a[0] + ny * a[1]);
    }
    return r.length >= 3 ? [[r]] : [];
  }
  try {
    return pcIntersection([[cell]], polys);
  } catch {
    return [];
  }
}

/** Split convex pieces by a thick straight line {|n·p − c| < half}. */
function splitConvex(pieces: Ring[], a: Pt, b: Pt, half: number): Ring[] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l = Math.hypot(dx, dy);
  const nx = -dy / l;
  const ny = dx / l;
  const c = nx * a[0] + ny * a[1];
  const out: Ring[] = [];
  for (const p of pieces) {
    const left = clipHalfPlane(p, nx, ny, c - half);
    const right = clipHalfPlane(p, -nx, -ny, -(c + half));
    if (left.length >= 3) out.push(left);
    if (right.length >= 3) out.push(right);
  }
  return out;
}

/** Difference that never throws: on a clipping failure the piece is dropped (it becomes non-farmland). */
function safeDifference(pieces: Poly[], clips: Poly[]): Poly[] {
  if (clips.length === 0) return pieces;
  try {
    return pcDifference(pieces, ...clips.map((c) => [c]));
  } catch {
    const out: Poly[] = [];
    for (const p of pieces) {
      let cur: Poly[] = [p];
      try {
        for (const c of clips) cur = pcDifference(cur, [c]);
      } catch {
        cur = [];
      }
      out.push(...cur);
    }
    return out;
  }
}

export function buildBlocks(w: World): Block[] {
  // segments of the thick lines, indexed by their buffered bounding boxes
  const segs: { line: number; i: number }[] = [];
  const boxes: number[][] = [];
  w.thick.forEach((l, li) => {
    for (let i = 0; i + 1 < l.pts.length; i++) {
      const a = l.pts[i];
      const b = l.pts[i + 1];
      segs.push({ line: li, i });
      boxes.push([Math.min(a[0], b[0]) - l.half, Math.min(a[1], b[1]) - l.half, Math.max(a[0], b[0]) + l.half, Math.max(a[1], b[1]) + l.half]);
    }
  });
  const segIndex = new Flatbush(Math.max(1, segs.length));
  for (const b of boxes) segIndex.add(b[0], b[1], b[2], b[3]);
  if (segs.length === 0) segIndex.add(0, 0, 0, 0);
  segIndex.finish();

  const blocks: Block[] = [];
  for (const t of w.townships) {
    const rng = Rng.derive(w.opts.seed, `cells/${t.index}`);
    const u: Pt = [Math.cos(t.angle), Math.sin(t.angle)];
    const v: Pt = [-u[1], u[0]];
    const o = t.seat;
    let umin = Infinity;
    let umax = -Infinity;
    let vmin = Infinity;
    let vmax = -Infinity;
    for (const poly of t.polys)
      for (const p of poly[0]) {
        const a = (p[0] - o[0]) * u[0] + (p[1] - o[1]) * u[1];
        const b = (p[0] - o[0]) * v[0] + (p[1] - o[1]) * v[1];
        umin = Math.min(umin, a);
        umax = Math.max(umax, a);
        vmin = Math.min(vmin, b);
        vmax = Math.max(vmax, b);
      }
    // rows of varying height; column lines jittered per row
    const rows: number[] = [vmin - 10];
    while (rows[rows.length - 1] < vmax) rows.push(rows[rows.length - 1] + t.ly * rng.range(0.75, 1.3));
    for (let j = 0; j + 1 < rows.length; j++) {
      const cols: number[] = [umin - 10 - rng.range(0, t.lx)];
      while (cols[cols.length - 1] < umax) cols.push(cols[cols.length - 1] + t.lx * rng.range(0.7, 1.35));
      for (let i = 0; i + 1 < cols.length; i++) {
        // every other row line is a shelterbelt (防护林带) with its field road: 18 m instead of 8 m
        const belt = (row: number) => (row % 2 === 0 ? SHELTERBELT : FIELD_ROAD);
        const ring = rectRing(o, u, v, cols[i] + FIELD_ROAD, cols[i + 1] - FIELD_ROAD, rows[j] + belt(j), rows[j + 1] - belt(j + 1));
        const bb = ringBBox(ring);
        const inT = clipToTownship(ring, bb, t.inset);
        if (inT.length === 0) continue;
        const convex = inT.length === 1 && inT[0].length === 1 && isConvex(inT[0][0]);
        // thick lines: straight crossings split convex pieces exactly; bends and ends go to polygon clipping
        const near = segIndex.search(bb[0], bb[1], bb[2], bb[3]);
        let convexPieces: Ring[] = convex ? [inT[0][0]] : [];
        const complex = new Map<number, number[]>();
        for (const k of near) {
          const sg = segs[k];
          const l = w.thick[sg.line];
          const a = l.pts[sg.i];
          const b = l.pts[sg.i + 1];
          const m = l.half + 1;
          const inside = (p: Pt) => p[0] > bb[0] - m && p[0] < bb[2] + m && p[1] > bb[1] - m && p[1] < bb[3] + m;
          if (convex && !inside(a) && !inside(b)) convexPieces = splitConvex(convexPieces, a, b, l.half);
          else {
            const list = complex.get(sg.line) ?? [];
            list.push(sg.i);
            complex.set(sg.line, list);
          }
        }
        const clips: Poly[] = [];
        for (const [li, idx] of complex) {
          idx.sort((x, y) => x - y);
          const l = w.thick[li];
          let start = idx[0];
          for (let n = 1; n <= idx.length; n++) {
            if (n < idx.length && idx[n] === idx[n - 1] + 1) continue;
            const end = idx[n - 1];
            clips.push([offsetPolygon(l.pts.slice(start, end + 2), l.half)]);
            if (n < idx.length) start = idx[n];
          }
        }
        for (const k of w.obstacleIndex.search(bb[0], bb[1], bb[2], bb[3])) clips.push(w.obstacles[k].poly);
        let parts: Poly[] = convex ? convexPieces.map((r) => [r]) : inT;
        parts = safeDifference(parts, clips);
        for (const part of parts) {
          const poly = part.map((r) => cleanRing(r, 0.3, 0.05)).filter((r) => r.length >= 3);
          if (poly.length === 0 || poly[0].length < 3) continue;
          const area = polyArea(poly);
          if (area < MIN_M2) continue;
          blocks.push({
            id: blocks.length,
            township: t.index,
            i,
            j,
            poly,
            convex: poly.length === 1 && isConvex(poly[0]),
            area,
            center: interiorPoint(poly),
          });
        }
      }
    }
  }
  return blocks;
}

/** Clip a block to {lo ≤ n·p ≤ hi} (and lo ≤ dir·p ≤ hi of the cross cut when given). */
export function clipBand(block: Block, dir: Pt, n: Pt, lo: number, hi: number, cross?: { lo: number; hi: number }): Poly[] {
  if (block.convex) {
    let r = clipHalfPlane(block.poly[0], n[0], n[1], hi);
    if (r.length >= 3) r = clipHalfPlane(r, -n[0], -n[1], -lo);
    if (cross && r.length >= 3) {
      r = clipHalfPlane(r, dir[0], dir[1], cross.hi);
      if (r.length >= 3) r = clipHalfPlane(r, -dir[0], -dir[1], -cross.lo);
    }
    return r.length >= 3 ? [[r]] : [];
  }
  let umin = Infinity;
  let umax = -Infinity;
  for (const p of block.poly[0]) {
    const a = p[0] * dir[0] + p[1] * dir[1];
    umin = Math.min(umin, a);
    umax = Math.max(umax, a);
  }
  const ulo = Math.max(cross?.lo ?? -Infinity, umin - 10);
  const uhi = Math.min(cross?.hi ?? Infinity, umax + 10);
  if (uhi <= ulo) return [];
  const P = (a: number, b: number): Pt => [dir[0] * a + n[0] * b, dir[1] * a + n[1] * b];
  const band: Ring = [P(ulo, lo), P(uhi, lo), P(uhi, hi), P(ulo, hi)];
  return pcIntersection([block.poly], [[band]]);
}

function keepPiece(poly: Poly): Poly | undefined {
  const cleaned = poly.map((r) => cleanRing(r, 0.3, 0.05)).filter((r) => r.length >= 3);
  if (cleaned.length === 0 || cleaned[0].length < 3) return undefined;
  const a = polyArea(cleaned);
  if (a < MIN_M2) return undefined;
  // mean width 2A/P: drop slivers narrower than 12 m
  if ((2 * a) / ringPerimeter(cleaned[0]) < 12) return undefined;
  return cleaned;
}

interface Plan {
  rng: Rng;
  dir: Pt;
  n: Pt;
  nmin: number;
  nmax: number;
  m: number;
  halves: ({ lo: number; hi: number } | undefined)[];
}

/** How a block will be cut: strip direction, count and optional cross cut. */
function planBlock(w: World, block: Block, meanArea: number, villageDist: (p: Pt, township: number) => number): Plan {
  const rng = Rng.derive(w.opts.seed, `strips/${block.id}`);
  const t = w.townships[block.township];
  const slope = slopeDeg(w, block.center);
  let dir: Pt = [Math.cos(t.angle), Math.sin(t.angle)];
  if (slope > 3) {
    const g = gradient(w, block.center);
    const gl = Math.hypot(g[0], g[1]);
    dir = [-g[1] / gl, g[0] / gl]; // along the contour
  }
  const n: Pt = [-dir[1], dir[0]];
  const vd = villageDist(block.center, block.township);
  let factor = 1.15;
  if (vd < 1500 * w.k) factor = 0.65;
  if (slope > 3) factor *= 0.6;
  let nmin = Infinity;
  let nmax = -Infinity;
  let umin = Infinity;
  let umax = -Infinity;
  for (const p of block.poly[0]) {
    const a = p[0] * n[0] + p[1] * n[1];
    const b = p[0] * dir[0] + p[1] * dir[1];
    nmin = Math.min(nmin, a);
    nmax = Math.max(nmax, a);
    umin = Math.min(umin, b);
    umax = Math.max(umax, b);
  }
  const W = nmax - nmin;
  const Lu = umax - umin;
  let m = Math.max(1, Math.round((block.area / (meanArea * factor)) * Math.exp(0.25 * rng.normal())));
  const halves: Plan['halves'] = [undefined];
  if (Lu > 520 && m >= 4 && rng.chance(0.22)) {
    const cut = umin + Lu * rng.range(0.35, 0.65);
    halves[0] = { lo: umin - 1, hi: cut - RIDGE };
    halves.push({ lo: cut + RIDGE, hi: umax + 1 });
    m = Math.ceil(m / 2);
  }
  m = Math.max(1, Math.min(m, Math.floor(W / 16)));
  return { rng, dir, n, nmin, nmax, m, halves };
}

/** The strip count a mean size would give (before pieces are dropped or split): for steering the mean. */
export function countStrips(w: World, blocks: readonly Block[], meanArea: number, villageDist: (p: Pt, township: number) => number): number {
  let total = 0;
  for (const block of blocks) {
    const p = planBlock(w, block, meanArea, villageDist);
    total += p.m * p.halves.length;
  }
  return total;
}

/** Cut blocks into strips; `meanArea` (m²) steers the strip count. */
export function cutStrips(w: World, blocks: readonly Block[], meanArea: number, villageDist: (p: Pt, township: number) => number): Strip[] {
  const out: Strip[] = [];
  for (const block of blocks) {
    const { rng, dir, n, nmin, nmax, m, halves } = planBlock(w, block, meanArea, villageDist);
    const W = nmax - nmin;
    halves.forEach((cross, h) => {
      const weights: number[] = [];
      for (let i = 0; i < m; i++) weights.push(Math.exp(0.45 * rng.normal()));
      const total = weights.reduce((a, b) => a + b, 0);
      let acc = nmin;
      for (let i = 0; i < m; i++) {
        const lo = acc + (i === 0 ? -1 : RIDGE);
        acc += (W * weights[i]) / total;
        const hi = i === m - 1 ? nmax + 1 : acc - RIDGE;
        if (hi - lo < 10) continue;
        let pieces: Poly[];
        try {
          pieces = clipBand(block, dir, n, lo, hi, cross);
        } catch {
          pieces = [];
        }
        for (const piece of pieces) {
          for (const kept of splitLarge(block, piece, dir, n, lo, hi, cross)) {
            out.push({
              poly: kept.poly,
              block: block.id,
              township: block.township,
              cut: { dir, n, lo: kept.lo, hi: kept.hi, band: i, half: h, convex: block.convex && kept.whole, cross: kept.cross },
            });
          }
        }
      }
    });
  }
  return out;
}

/** Keep a piece, splitting it across (along the strip direction) while it is larger than the cap. */
function splitLarge(
  block: Block,
  piece: Poly,
  dir: Pt,
  n: Pt,
  lo: number,
  hi: number,
  cross: { lo: number; hi: number } | undefined,
): { poly: Poly; lo: number; hi: number; cross?: { lo: number; hi: number }; whole: boolean }[] {
  const kept = keepPiece(piece);
  if (!kept) return [];
  const a = polyArea(kept);
  if (a <= MAX_M2) return [{ poly: kept, lo, hi, cross, whole: true }];
  // split at the middle of its extent along dir
  let umin = Infinity;
  let umax = -Infinity;
  for (const p of kept[0]) {
    const u = p[0] * dir[0] + p[1] * dir[1];
    umin = Math.min(umin, u);
    umax = Math.max(umax, u);
  }
  const mid = (umin + umax) / 2;
  const out: { poly: Poly; lo: number; hi: number; cross?: { lo: number; hi: number }; whole: boolean }[] = [];
  for (const c of [
    { lo: Math.max(cross?.lo ?? -1e12, umin - 1), hi: mid - RIDGE },
    { lo: mid + RIDGE, hi: Math.min(cross?.hi ?? 1e12, umax + 1) },
  ]) {
    let pieces: Poly[];
    try {
      pieces = clipBand(block, dir, n, lo, hi, c);
    } catch {
      pieces = [];
    }
    for (const p of pieces) for (const r of splitLarge(block, p, dir, n, lo, hi, c)) out.push({ ...r, whole: false });
  }
  return out;
}
