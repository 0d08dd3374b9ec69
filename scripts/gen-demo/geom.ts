/**
 * Planar geometry in local metres (x east, y north) for the demo generator. Rings are open (no repeated
 * last vertex) until they are written out. Boolean operations on non-convex shapes go through polyclip-ts;
 * the hot path (cutting convex blocks into strips) uses Sutherland–Hodgman half-plane clipping.
 */
import * as pc from 'polyclip-ts';
import { angularNoise } from './prng';

export type Pt = [number, number];
export type Ring = Pt[];
/** Outer ring then holes. */
export type Poly = Ring[];
export type BBoxM = [number, number, number, number];

export function ringAreaSigned(r: Ring): number {
  let s = 0;
  for (let i = 0, n = r.length; i < n; i++) {
    const a = r[i];
    const b = r[(i + 1) % n];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

export function polyArea(p: Poly): number {
  if (p.length === 0) return 0;
  let a = Math.abs(ringAreaSigned(p[0]));
  for (let i = 1; i < p.length; i++) a -= Math.abs(ringAreaSigned(p[i]));
  return a;
}

export function ringPerimeter(r: Ring): number {
  let s = 0;
  for (let i = 0, n = r.length; i < n; i++) {
    const a = r[i];
    const b = r[(i + 1) % n];
    s += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return s;
}

export function ringBBox(r: Ring): BBoxM {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of r) {
    if (p[0] < x0) x0 = p[0];
    if (p[0] > x1) x1 = p[0];
    if (p[1] < y0) y0 = p[1];
    if (p[1] > y1) y1 = p[1];
  }
  return [x0, y0, x1, y1];
}

export function polysBBox(ps: readonly Poly[]): BBoxM {
  const b: BBoxM = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of ps) {
    const r = ringBBox(p[0]);
    if (r[0] < b[0]) b[0] = r[0];
    if (r[1] < b[1]) b[1] = r[1];
    if (r[2] > b[2]) b[2] = r[2];
    if (r[3] > b[3]) b[3] = r[3];
  }
  return b;
}

/** Area centroid of a ring. */
export function ringCentroid(r: Ring): Pt {
  let cx = 0;
  let cy = 0;
  let a = 0;
  const o = r[0];
  for (let i = 0, n = r.length; i < n; i++) {
    const p = r[i];
    const q = r[(i + 1) % n];
    const px = p[0] - o[0];
    const py = p[1] - o[1];
    const qx = q[0] - o[0];
    const qy = q[1] - o[1];
    const c = px * qy - qx * py;
    a += c;
    cx += (px + qx) * c;
    cy += (py + qy) * c;
  }
  if (a === 0) return [o[0], o[1]];
  return [o[0] + cx / (3 * a), o[1] + cy / (3 * a)];
}

export function pointInRing(p: Pt, r: Ring): boolean {
  let inside = false;
  const x = p[0];
  const y = p[1];
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const xi = r[i][0];
    const yi = r[i][1];
    const xj = r[j][0];
    const yj = r[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPoly(p: Pt, poly: Poly): boolean {
  if (!pointInRing(p, poly[0])) return false;
  for (let i = 1; i < poly.length; i++) if (pointInRing(p, poly[i])) return false;
  return true;
}

export function pointInPolys(p: Pt, polys: readonly Poly[]): boolean {
  for (const poly of polys) if (pointInPoly(p, poly)) return true;
  return false;
}

/** A point inside the polygon: the centroid if inside, else the middle of the widest horizontal chord. */
export function interiorPoint(poly: Poly): Pt {
  const c = ringCentroid(poly[0]);
  if (pointInPoly(c, poly)) return c;
  const b = ringBBox(poly[0]);
  for (const f of [0.5, 0.3, 0.7, 0.15, 0.85, 0.4, 0.6]) {
    const y = b[1] + (b[3] - b[1]) * f;
    const xs: number[] = [];
    for (const r of poly)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const yi = r[i][1];
        const yj = r[j][1];
        if (yi > y !== yj > y) xs.push(r[i][0] + ((r[j][0] - r[i][0]) * (y - yi)) / (yj - yi));
      }
    xs.sort((u, v) => u - v);
    let best = -1;
    let bx = 0;
    for (let i = 0; i + 1 < xs.length; i += 2)
      if (xs[i + 1] - xs[i] > best) {
        best = xs[i + 1] - xs[i];
        bx = (xs[i] + xs[i + 1]) / 2;
      }
    if (best > 0) return [bx, y];
  }
  return c;
}

/** Keep the part of a ring where nx·x + ny·y ≤ c (Sutherland–Hodgman; exact for convex rings). */
export function clipHalfPlane(r: Ring, nx: number, ny: number, c: number): Ring {
  const out: Ring = [];
  const n = r.length;
  for (let i = 0; i < n; i++) {
    const p = r[i];
    const q = r[(i + 1) % n];
    const dp = nx * p[0] + ny * p[1] - c;
    const dq = nx * q[0] + ny * q[1] - c;
    if (dp <= 0) out.push(p);
    if ((dp < 0 && dq > 0) || (dp > 0 && dq < 0)) {
      const t = dp / (dp - dq);
      out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
    }
  }
  return out;
}

export function isConvex(r: Ring): boolean {
  let sign = 0;
  const n = r.length;
  for (let i = 0; i < n; i++) {
    const a = r[i];
    const b = r[(i + 1) % n];
    const c = r[(i + 2) % n];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (Math.abs(cross) < 1e-9) continue;
    const s = cross > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Remove near-duplicate vertices (< minDist) and near-collinear ones (deviation < tol). */
export function cleanRing(r: Ring, minDist = 0.2, tol = 0.05): Ring {
  let pts = r.slice();
  for (let pass = 0; pass < 3; pass++) {
    const out: Ring = [];
    for (const p of pts) {
      const last = out[out.length - 1];
      if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < minDist) continue;
      out.push(p);
    }
    while (out.length > 2 && Math.hypot(out[0][0] - out[out.length - 1][0], out[0][1] - out[out.length - 1][1]) < minDist) out.pop();
    const res: Ring = [];
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const a = out[(i + n - 1) % n];
      const b = out[i];
      const c = out[(i + 1) % n];
      const len = Math.hypot(c[0] - a[0], c[1] - a[1]);
      const dev = len === 0 ? 0 : Math.abs((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / len;
      if (dev < tol && n - (i - res.length) > 3) {
        // drop b only when it lies between a and c (collinear, not a spike)
        const dot = (b[0] - a[0]) * (c[0] - a[0]) + (b[1] - a[1]) * (c[1] - a[1]);
        if (dot >= 0 && dot <= len * len) continue;
      }
      res.push(b);
    }
    if (res.length === pts.length) return res;
    pts = res;
  }
  return pts;
}

/** Orient: outer counter-clockwise, holes clockwise (RFC 7946). */
export function orient(p: Poly): Poly {
  return p.map((r, i) => {
    const ccw = ringAreaSigned(r) > 0;
    return (i === 0) === ccw ? r : r.slice().reverse();
  });
}

// ---- polyclip bridge ----
type PcRing = [number, number][];
const close = (r: Ring): PcRing => {
  const c = r.map((p) => [p[0], p[1]] as [number, number]);
  c.push([r[0][0], r[0][1]]);
  return c;
};
const open = (r: PcRing): Ring => {
  const o = r.map((p) => [p[0], p[1]] as Pt);
  const a = o[0];
  const b = o[o.length - 1];
  if (o.length > 1 && a[0] === b[0] && a[1] === b[1]) o.pop();
  return o;
};
const toPc = (ps: readonly Poly[]): PcRing[][] => ps.map((p) => p.map(close));
const fromPc = (m: PcRing[][]): Poly[] => m.map((p) => p.map(open)).filter((p) => p.length > 0 && p[0].length >= 3);

type PcOp = (g: PcRing[][], ...more: PcRing[][][]) => PcRing[][];
const snap = (ps: PcRing[][], q: number): PcRing[][] => ps.map((p) => p.map((r) => r.map((x) => [Math.round(x[0] / q) * q, Math.round(x[1] / q) * q] as [number, number])));

/** Run a polyclip operation; on its rare robustness failures retry on inputs snapped to 1 cm, then 10 cm. */
function robust(op: PcOp, a: PcRing[][], rest: PcRing[][][]): Poly[] {
  try {
    return fromPc(op(a, ...rest));
  } catch {
    for (const q of [0.01, 0.1, 0.5]) {
      try {
        return fromPc(op(snap(a, q), ...rest.map((r) => snap(r, q))));
      } catch {
        // try the next grid
      }
    }
    throw new Error('gen-demo: polygon clipping failed on every snapping grid');
  }
}

export function pcIntersection(a: readonly Poly[], ...b: (readonly Poly[])[]): Poly[] {
  if (a.length === 0 || b.some((x) => x.length === 0)) return [];
  return robust(pc.intersection as unknown as PcOp, toPc(a), b.map(toPc));
}

export function pcDifference(a: readonly Poly[], ...b: (readonly Poly[])[]): Poly[] {
  if (a.length === 0) return [];
  const clips = b.filter((x) => x.length > 0);
  if (clips.length === 0) return a.map((p) => p.map((r) => r.slice()));
  return robust(pc.difference as unknown as PcOp, toPc(a), clips.map(toPc));
}

export function pcUnion(...a: (readonly Poly[])[]): Poly[] {
  const xs = a.filter((x) => x.length > 0);
  if (xs.length === 0) return [];
  return robust(pc.union as unknown as PcOp, toPc(xs[0]), xs.slice(1).map(toPc));
}

// ---- shapes ----

/** A regular n-gon. */
export function disc(cx: number, cy: number, r: number, n = 12): Ring {
  const out: Ring = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    out.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
  }
  return out;
}

/** An irregular closed outline: radius r·(1 + amp·noise(θ)), optionally stretched along an angle. */
export function blob(
  cx: number,
  cy: number,
  r: number,
  seed: number,
  opts: { amp?: number; n?: number; stretch?: number; angle?: number; extra?: number; harmonics?: number; fine?: number } = {},
): Ring {
  const amp = opts.amp ?? 0.25;
  const n = opts.n ?? 40;
  const stretch = opts.stretch ?? 1;
  const ang = opts.angle ?? 0;
  const extra = opts.extra ?? 0;
  const ca = Math.cos(ang);
  const sa = Math.sin(ang);
  const out: Ring = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const rr = r * (1 + amp * angularNoise(t, seed, opts.harmonics ?? 5) + (opts.fine ?? 0) * angularNoise(t, seed + 17, 60)) + extra;
    const lx = rr * Math.cos(t) * stretch;
    const ly = (rr * Math.sin(t)) / stretch;
    out.push([cx + lx * ca - ly * sa, cy + lx * sa + ly * ca]);
  }
  return out;
}

/** Buffer of a polyline as separate convex pieces (segment quads + joint discs): union them or subtract them. */
export function bufferPieces(line: readonly Pt[], half: number): Poly[] {
  const out: Poly[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i];
    const b = line[i + 1];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const nx = (-dy / len) * half;
    const ny = (dx / len) * half;
    out.push([
      [
        [a[0] + nx, a[1] + ny],
        [a[0] - nx, a[1] - ny],
        [b[0] - nx, b[1] - ny],
        [b[0] + nx, b[1] + ny],
      ],
    ]);
  }
  for (let i = 0; i < line.length; i++) out.push([disc(line[i][0], line[i][1], half * 1.04, 12)]);
  return out;
}

/**
 * Buffer of a gently curving polyline as one polygon: left offset then right offset back, mitred joints (miter
 * capped at 2 × half) and square caps. Valid while the line's radius of curvature exceeds `half`.
 */
export function offsetPolygon(line: readonly Pt[], half: number): Ring {
  const n = line.length;
  const segN: Pt[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const dx = line[i + 1][0] - line[i][0];
    const dy = line[i + 1][1] - line[i][1];
    const l = Math.hypot(dx, dy) || 1;
    segN.push([-dy / l, dx / l]);
  }
  const left: Pt[] = [];
  const right: Pt[] = [];
  for (let i = 0; i < n; i++) {
    const a = segN[Math.max(0, i - 1)];
    const b = segN[Math.min(segN.length - 1, i)];
    let nx = a[0] + b[0];
    let ny = a[1] + b[1];
    const l = Math.hypot(nx, ny) || 1;
    nx /= l;
    ny /= l;
    const m = Math.min(2 * half, half / Math.max(0.5, nx * b[0] + ny * b[1]));
    let p = line[i];
    if (i === 0) p = [p[0] - b[1] * half, p[1] + b[0] * half];
    if (i === n - 1) p = [p[0] + a[1] * half, p[1] - a[0] * half];
    left.push([p[0] + nx * m, p[1] + ny * m]);
    right.push([p[0] - nx * m, p[1] - ny * m]);
  }
  return [...left, ...right.reverse()];
}

/** A closed ring offset inwards by d (mitred, miter capped at 2d); the ring must not have features smaller than d. */
export function insetRing(ring: Ring, d: number): Ring {
  const ccw = ringAreaSigned(ring) > 0;
  const s = ccw ? 1 : -1; // inward = left of each edge for a CCW ring
  const n = ring.length;
  const segN: Pt[] = [];
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    const l = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    segN.push([(s * -(b[1] - a[1])) / l, (s * (b[0] - a[0])) / l]);
  }
  const out: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = segN[(i + n - 1) % n];
    const b = segN[i];
    let nx = a[0] + b[0];
    let ny = a[1] + b[1];
    const l = Math.hypot(nx, ny) || 1;
    nx /= l;
    ny /= l;
    const m = Math.min(2 * d, d / Math.max(0.5, nx * b[0] + ny * b[1]));
    out.push([ring[i][0] + nx * m, ring[i][1] + ny * m]);
  }
  return out;
}

export function densify(line: readonly Pt[], step: number): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i];
    const b = line[i + 1];
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
    for (let k = 0; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  out.push(line[line.length - 1]);
  return out;
}

export function distToSegment(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  let t = l2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

export function distToPolyline(p: Pt, line: readonly Pt[]): number {
  let d = Infinity;
  for (let i = 0; i + 1 < line.length; i++) d = Math.min(d, distToSegment(p, line[i], line[i + 1]));
  return d;
}

export function bboxOverlap(a: BBoxM, b: BBoxM): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}
