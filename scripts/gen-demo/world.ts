/**
 * The synthetic county's layout in local metres: outline, terrain, river, wetland, hills and forest, saline
 * patches, the county town, townships (warped Voronoi cells), villages, roads and canals. Everything is drawn
 * from seeded streams, so the same seed and parcel count give the same county.
 */
import Flatbush from 'flatbush';
import {
  type BBoxM,
  blob,
  cleanRing,
  disc,
  insetRing,
  offsetPolygon,
  clipHalfPlane,
  densify,
  distToPolyline,
  type Poly,
  type Pt,
  pcIntersection,
  pointInPolys,
  pointInRing,
  polyArea,
  polysBBox,
  type Ring,
  ringBBox,
} from './geom';
import { COUNTY, townshipNames, villageNames } from './names';
import { angularNoise, fbm, hashString, Rng } from './prng';

export interface GenOptions {
  /** Target number of cultivated parcels (the result is within a few per cent). */
  parcels: number;
  seed: string;
}

export interface Village {
  code: string;
  name: string;
  seat: Pt;
  built: Ring;
  township: number;
}

export interface Township {
  index: number;
  code: string;
  name: string;
  isTown: boolean;
  seat: Pt;
  polys: Poly[];
  /** Field-grid orientation (radians) and cell sizes (m). */
  angle: number;
  lx: number;
  ly: number;
  villages: Village[];
  /** The township's polygons inset by 3 m: farmland is cut from these. */
  inset: Poly[];
}

export interface LineFeature {
  pts: Pt[];
  kind: 'road' | 'canal' | 'river';
  level: string;
  name: string;
  half: number;
}

export interface ThickLine {
  pts: Pt[];
  half: number;
}

export interface Obstacle {
  poly: Poly;
  bbox: BBoxM;
}

export interface World {
  opts: GenOptions;
  s: number;
  /** Feature-size factor (≤ 1 for small test counties). */
  k: number;
  rx: number;
  ry: number;
  outline: Ring;
  river: Pt[];
  riverZone: Poly[];
  town: { center: Pt; built: Ring; boundary: Ring; boundaryTest: Ring; name: string };
  seatBoundaries: { township: number; ring: Ring; test: Ring }[];
  wetland: Ring;
  /** The wetland grown by ≥ 2 m: zones cut from it keep a gap, so rounding never makes them overlap. */
  wetlandPad: Ring;
  wetRedline: Ring;
  wetRedlineTest: Ring;
  forests: { core: Ring; redline: Ring; redlineTest: Ring }[];
  sandy: Ring[];
  /** Non-farm patches: ponds, grass, small woods. */
  patches: Ring[];
  saline: { c: Pt; r: number; seed: number }[];
  townships: Township[];
  lines: LineFeature[];
  obstacles: Obstacle[];
  thick: ThickLine[];
  obstacleIndex: Flatbush;
  elevation: (p: Pt) => number;
  hill: (p: Pt) => number;
}

/** Do two rings meet (a vertex of one inside the other)? Good enough for blobs that are never thin. */
function ringsMeet(a: Ring, b: Ring): boolean {
  return a.some((p) => pointInRing(p, b)) || b.some((p) => pointInRing(p, a));
}

export const smoothstep = (a: number, b: number, x: number): number => {
  const t = Math.max(0, Math.min(1, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
};

export function slopeDeg(w: World, p: Pt): number {
  const h = 10;
  const dx = (w.elevation([p[0] + h, p[1]]) - w.elevation([p[0] - h, p[1]])) / (2 * h);
  const dy = (w.elevation([p[0], p[1] + h]) - w.elevation([p[0], p[1] - h])) / (2 * h);
  return (Math.atan(Math.hypot(dx, dy)) * 180) / Math.PI;
}

export function gradient(w: World, p: Pt): Pt {
  const h = 10;
  return [
    (w.elevation([p[0] + h, p[1]]) - w.elevation([p[0] - h, p[1]])) / (2 * h),
    (w.elevation([p[0], p[1] + h]) - w.elevation([p[0], p[1] - h])) / (2 * h),
  ];
}

/** Saline level 0..1 (0 = none; > 0.6 重度, > 0.3 中度, > 0 轻度). */
export function salineLevel(w: World, p: Pt): number {
  let best = 0;
  for (const s of w.saline) {
    const dx = p[0] - s.c[0];
    const dy = p[1] - s.c[1];
    const d = Math.hypot(dx, dy);
    if (d > s.r * 1.5) continue;
    const rr = s.r * (1 + 0.3 * angularNoise(Math.atan2(dy, dx), s.seed));
    const v = 1 - d / rr;
    if (v > best) best = v;
  }
  return best;
}

export function buildWorld(opts: GenOptions): World {
  const seed = opts.seed;
  const stream = (label: string) => Rng.derive(seed, label);
  const s = Math.sqrt(Math.max(50, opts.parcels) / 20000);
  const k = Math.min(1, s);
  const rx = 21000 * s;
  const ry = 18500 * s;
  const rMean = Math.sqrt(rx * ry);

  // ---- outline
  // radius modulated by value noise sampled around a circle: lobes at several scales, like a real county line
  const oSeed = hashString(`${seed}/outline`);
  const outlineRing = (scale: number): Ring => {
    const out: Ring = [];
    const n = 540;
    for (let i = 0; i < n; i++) {
      const t = (2 * Math.PI * i) / n;
      const c = Math.cos(t);
      const sn = Math.sin(t);
      const r = rMean * scale * (1 + 0.32 * fbm(1.6 * c + 5, 1.6 * sn + 5, oSeed, 2) + 0.07 * fbm(9 * c + 50, 9 * sn + 50, oSeed + 3, 3));
      out.push([r * c * Math.sqrt(rx / ry), r * sn * Math.sqrt(ry / rx)]);
    }
    return out;
  };
  const outline = outlineRing(1);
  const outlinePolys: Poly[] = [[outline]];
  const inner = outlineRing(0.86);
  const inCounty = (p: Pt) => pointInRing(p, outline);
  const deepInCounty = (p: Pt) => pointInRing(p, inner);

  // ---- terrain: low in the south-west (river, saline flats), hills in the north-east
  const eSeed = hashString(`${seed}/elev`);
  const dNE = (p: Pt) => (p[0] / rx + p[1] / ry) / 2;
  const hill = (p: Pt) => smoothstep(0.12, 0.42, dNE(p));
  const elevation = (p: Pt) => {
    const h = hill(p);
    const rough = fbm(p[0] / 1100, p[1] / 1100, eSeed, 3);
    return 150 + 30 * dNE(p) + h * (90 + 110 * h + 240 * h * rough) + 3 * fbm(p[0] / 4000, p[1] / 4000, eSeed + 7, 2);
  };

  // ---- river: enters in the north-west, meanders to the south-west
  const rr = stream('river');
  const river: Pt[] = [];
  {
    let p: Pt = [-0.12 * rx, 1.25 * ry];
    const ph1 = rr.range(0, 6.28);
    const ph2 = rr.range(0, 6.28);
    const step = 120;
    let inside = false;
    for (let t = 0; t < 4000; t++) {
      const frac = Math.min(1, t / (2.2 * ry / step));
      const base = (-95 - 45 * frac) * (Math.PI / 180);
      const hd = base + 0.55 * Math.sin((t * step) / (2600 * k) + ph1) + 0.35 * Math.sin((t * step) / (650 * k) + ph2);
      p = [p[0] + step * Math.cos(hd), p[1] + step * Math.sin(hd)];
      river.push(p);
      const ins = inCounty(p);
      if (ins) inside = true;
      if (inside && !ins && Math.abs(p[0]) > 1.15 * rx) break;
      if (inside && !ins && Math.abs(p[1]) > 1.15 * ry) break;
      if (t > 3999) break;
    }
  }
  const riverHalf = 45;
  const riverSetback = 115;
  const riverZoneHalf = 380;
  const riverCoarse = river.filter((_, i) => i % 2 === 0);
  const riverZone = pcIntersection([[offsetPolygon(riverCoarse, riverZoneHalf)]], outlinePolys);

  // ---- county town: east of the river
  const rt = 2000 * k;
  let center: Pt = [0.08 * rx, -0.06 * ry];
  for (let i = 0; i < 40 && distToPolyline(center, river) < rt * 1.6 + 900 * k; i++) center = [center[0] + 500 * k, center[1]];
  const townSeed = hashString(`${seed}/townshape`);
  const townBuilt = blob(center[0], center[1], rt, townSeed, { amp: 0.22, n: 48 });
  const townBoundary = blob(center[0], center[1], rt * 1.55, townSeed, { amp: 0.22, n: 48 });
  const townBoundaryTest = blob(center[0], center[1], rt * 1.55, townSeed, { amp: 0.22, n: 48, extra: 3 });

  // ---- wetland beside the river, away from the town; its red line reaches into farmland
  const rw = 2300 * k;
  let wetland: Ring = [];
  let wetlandPad: Ring = [];
  let wetRedline: Ring = [];
  let wetRedlineTest: Ring = [];
  const insideIdx = river.map((p, i) => (inCounty(p) ? i : -1)).filter((i) => i >= 0);
  for (const frac of [0.68, 0.58, 0.78, 0.48, 0.88, 0.38]) {
    const i = insideIdx[Math.floor(insideIdx.length * frac)];
    const a = river[Math.max(0, i - 3)];
    const b = river[Math.min(river.length - 1, i + 3)];
    const dir = Math.atan2(b[1] - a[1], b[0] - a[0]);
    // the side away from the town
    const nx = -Math.sin(dir);
    const ny = Math.cos(dir);
    const sideSign = (center[0] - river[i][0]) * nx + (center[1] - river[i][1]) * ny > 0 ? -1 : 1;
    const c: Pt = [river[i][0] + sideSign * nx * rw * 0.85, river[i][1] + sideSign * ny * rw * 0.85];
    const wseed = hashString(`${seed}/wet/${frac}`);
    const ring = blob(c[0], c[1], rw, wseed, { amp: 0.28, n: 56, stretch: 1.35, angle: dir });
    const red = blob(c[0], c[1], rw * 1.16, wseed, { amp: 0.28, n: 56, stretch: 1.35, angle: dir, extra: 120 * k });
    const farFromTown = Math.hypot(c[0] - center[0], c[1] - center[1]) > rw * 1.8 + rt * 2.2;
    if (!farFromTown || !deepInCounty(c)) continue;
    wetland = ring;
    wetlandPad = blob(c[0], c[1], rw, wseed, { amp: 0.28, n: 56, stretch: 1.35, angle: dir, extra: 3 });
    wetRedline = red;
    wetRedlineTest = blob(c[0], c[1], rw * 1.16, wseed, { amp: 0.28, n: 56, stretch: 1.35, angle: dir, extra: 120 * k + 3 });
    break;
  }
  if (wetland.length === 0) throw new Error('gen-demo: no place for the wetland');

  // ---- forested hills (north-east): core excluded from farmland, red line slightly wider
  const fr = stream('forest');
  const forests: World['forests'] = [];
  const nForest = Math.max(1, Math.round(2 * s * s));
  for (let tries = 0; forests.length < nForest && tries < 5000; tries++) {
    const c: Pt = [fr.range(-rx, rx), fr.range(-ry, ry)];
    if (!deepInCounty(c) || dNE(c) < 0.36) continue;
    const r = fr.range(1400, 2100) * k;
    // spacing from the first vertex of each earlier core (its eastern rim): a loose rule, the margin covers the radius
    if (forests.some((f) => Math.hypot(f.core[0][0] - c[0], f.core[0][1] - c[1]) < 3 * r + 2000 * k)) continue;
    if (Math.hypot(c[0] - center[0], c[1] - center[1]) < rt * 2 + r * 2) continue;
    const fseed = hashString(`${seed}/forest/${forests.length}`);
    forests.push({
      core: blob(c[0], c[1], r, fseed, { amp: 0.35, n: 44 }),
      redline: blob(c[0], c[1], r * 1.12, fseed, { amp: 0.35, n: 44, extra: 80 * k }),
      redlineTest: blob(c[0], c[1], r * 1.12, fseed, { amp: 0.35, n: 44, extra: 80 * k + 3 }),
    });
  }

  // ---- sandy land (west) and saline patches (low land)
  const sr = stream('sandy');
  const sandy: Ring[] = [];
  const nSandy = Math.max(1, Math.round(2 * s * s));
  for (let tries = 0; sandy.length < nSandy && tries < 5000; tries++) {
    const c: Pt = [sr.range(-rx, 0), sr.range(-ry, ry)];
    const r = sr.range(500, 900) * k;
    if (!deepInCounty(c) || dNE(c) > -0.15) continue;
    if (distToPolyline(c, river) < r * 1.6 + 500 * k) continue;
    if (Math.hypot(c[0] - center[0], c[1] - center[1]) < rt * 2 + r * 2) continue;
    const wc = ringBBox(wetRedline);
    if (c[0] > wc[0] - r * 1.5 && c[0] < wc[2] + r * 1.5 && c[1] > wc[1] - r * 1.5 && c[1] < wc[3] + r * 1.5) continue;
    sandy.push(blob(c[0], c[1], r, hashString(`${seed}/sandy/${sandy.length}`), { amp: 0.3, n: 28, stretch: 1.6, angle: sr.range(0, 3.14) }));
  }
  const salr = stream('saline');
  const saline: World['saline'] = [];
  const nSal = Math.max(2, Math.round(11 * s * s));
  for (let tries = 0; saline.length < nSal && tries < 20000; tries++) {
    const c: Pt = [salr.range(-rx, rx), salr.range(-ry, ry)];
    if (!inCounty(c) || dNE(c) > -0.02) continue;
    const r = salr.range(700, 2000) * k;
    if (Math.hypot(c[0] - center[0], c[1] - center[1]) < rt * 1.6 + r) continue;
    if (saline.some((o) => Math.hypot(o.c[0] - c[0], o.c[1] - c[1]) < (o.r + r) * 1.1)) continue;
    saline.push({ c, r, seed: hashString(`${seed}/saline/${saline.length}`) });
  }

  const redlines: Ring[] = [wetRedline, ...forests.map((f) => f.redline)];
  const inAnyRing = (p: Pt, rings: Ring[]) => rings.some((r) => pointInRing(p, r));

  // ---- township seats (the county town is the first)
  const nT = Math.max(2, Math.round(11 * s * s));
  const area = polyArea([outline]);
  const seats: Pt[] = [center];
  {
    const sr2 = stream('seats');
    let dmin = 0.85 * Math.sqrt(area / nT);
    let fails = 0;
    while (seats.length < nT) {
      const c: Pt = [sr2.range(-rx * 1.2, rx * 1.2), sr2.range(-ry * 1.2, ry * 1.2)];
      const ok =
        deepInCounty(c) &&
        distToPolyline(c, river) > 1200 * k &&
        !inAnyRing(c, redlines) &&
        !pointInRing(c, townBoundary) &&
        !sandy.some((r) => pointInRing(c, r)) &&
        seats.every((o) => Math.hypot(o[0] - c[0], o[1] - c[1]) >= dmin);
      if (ok) seats.push(c);
      else if (++fails % 3000 === 0) dmin *= 0.93;
    }
  }

  // ---- township polygons: Voronoi cells, densified and warped by a smooth field, clipped to the county
  const wSeed = hashString(`${seed}/warp`);
  const warpAmp = 420 * k;
  const warpLen = 5500 * k;
  const warp = (p: Pt): Pt => [
    p[0] + warpAmp * fbm(p[0] / warpLen, p[1] / warpLen, wSeed, 2),
    p[1] + warpAmp * fbm(p[0] / warpLen, p[1] / warpLen, wSeed + 99, 2),
  ];
  const big = 1.6 * Math.max(rx, ry);
  const names = townshipNames(nT, stream('tnames'));
  const nTown = Math.max(1, Math.round(nT * 0.4));
  let townCode = 100;
  let xiangCode = 200;
  const townships: Township[] = [];
  for (let i = 0; i < nT; i++) {
    let cell: Ring = [
      [-big, -big],
      [big, -big],
      [big, big],
      [-big, big],
    ];
    const a = seats[i];
    for (let j = 0; j < nT && cell.length > 0; j++) {
      if (j === i) continue;
      const b = seats[j];
      const nx = b[0] - a[0];
      const ny = b[1] - a[1];
      const c = (nx * (a[0] + b[0])) / 2 + (ny * (a[1] + b[1])) / 2;
      cell = clipHalfPlane(cell, nx, ny, c);
    }
    // densify each edge from its canonical end so both neighbours produce the same points, then warp
    const dense: Ring = [];
    for (let e = 0; e < cell.length; e++) {
      const p = cell[e];
      const q = cell[(e + 1) % cell.length];
      const forward = p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
      const [u, v] = forward ? [p, q] : [q, p];
      const pts = densify([u, v], 160 * k);
      if (!forward) pts.reverse();
      pts.pop();
      for (const x of pts) dense.push(warp(x));
    }
    const polys = pcIntersection([[dense]], outlinePolys);
    const isTown = i < nTown;
    const code = `${COUNTY.code}${isTown ? townCode++ : xiangCode++}`;
    const name = names[i] + (i === 0 ? '' : isTown ? '镇' : '乡');
    const tr2 = stream(`grid/${i}`);
    const hilly = hill(a) > 0.3;
    const angle = tr2.chance(0.6) ? tr2.range(-0.12, 0.12) + (tr2.chance(0.5) ? 0 : Math.PI / 2) : tr2.range(-0.6, 0.6);
    townships.push({
      index: i,
      code,
      name,
      isTown,
      seat: a,
      polys,
      angle,
      lx: hilly ? tr2.range(380, 620) : tr2.range(650, 1100),
      ly: hilly ? tr2.range(260, 420) : tr2.range(380, 700),
      villages: [],
      inset: [],
    });
  }

  // ---- villages
  const nV = Math.max(nT * 2, Math.round(150 * s * s));
  const seatBoundaries: World['seatBoundaries'] = [];
  for (const t of townships) {
    const vr = stream(`villages/${t.index}`);
    const tArea = t.polys.reduce((acc, p) => acc + polyArea(p), 0);
    const count = Math.max(2, Math.round((nV * tArea) / area));
    const vnames = villageNames(count, stream(`vnames/${t.index}`));
    const bb = polysBBox(t.polys);
    const pts: Pt[] = [t.seat];
    let dmin = 0.8 * Math.sqrt(tArea / count);
    let fails = 0;
    const margin = 450 * k;
    while (pts.length < count && fails < 60000) {
      const c: Pt = [vr.range(bb[0], bb[2]), vr.range(bb[1], bb[3])];
      const ok =
        pointInPolys(c, t.polys) &&
        pointInPolys([c[0] + margin, c[1]], t.polys) &&
        pointInPolys([c[0] - margin, c[1]], t.polys) &&
        pointInPolys([c[0], c[1] + margin], t.polys) &&
        pointInPolys([c[0], c[1] - margin], t.polys) &&
        distToPolyline(c, river) > 700 * k &&
        !inAnyRing(c, [...redlines, townBoundary, ...sandy]) &&
        pts.every((o) => Math.hypot(o[0] - c[0], o[1] - c[1]) >= dmin);
      if (ok) pts.push(c);
      else if (++fails % 2500 === 0) dmin *= 0.9;
    }
    for (let v = 0; v < pts.length; v++) {
      const c = pts[v];
      const isSeat = v === 0;
      const r = isSeat ? (t.index === 0 ? 0 : t.isTown ? 560 : 420) * k : vr.range(170, 330) * Math.sqrt(k);
      const vseed = hashString(`${seed}/vb/${t.index}/${v}`);
      const built = r > 0 ? blob(c[0], c[1], r, vseed, { amp: 0.28, n: 22, stretch: vr.range(1, 1.5), angle: vr.range(0, 3.14) }) : townBuilt;
      t.villages.push({ code: `${t.code}${200 + v}`, name: vnames[v], seat: c, built, township: t.index });
      if (isSeat && t.index > 0 && t.isTown && !redlines.some((red) => ringsMeet(disc(c[0], c[1], r * 1.5 * 1.25 + 50 * k, 32), red))) {
        const bs = hashString(`${seed}/seatb/${t.index}`);
        seatBoundaries.push({
          township: t.index,
          ring: blob(c[0], c[1], r * 1.5, bs, { amp: 0.2, n: 28 }),
          test: blob(c[0], c[1], r * 1.5, bs, { amp: 0.2, n: 28, extra: 3 }),
        });
      }
    }
  }

  // ---- roads and canals
  const lines: LineFeature[] = [];
  const bent = (a: Pt, b: Pt, rng: Rng, n: number, jit: number): Pt[] => {
    const out: Pt[] = [a];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    for (let i = 1; i < n; i++) {
      const t = i / n;
      const off = rng.range(-jit, jit) * len;
      out.push([a[0] + dx * t - (dy / len) * off, a[1] + dy * t + (dx / len) * off]);
    }
    out.push(b);
    return out;
  };
  const rdr = stream('roads');
  // two provincial roads through the town
  const th1 = rdr.range(0, Math.PI);
  for (const [th, name] of [
    [th1, 'S301 省道'],
    [th1 + rdr.range(1.1, 2.0), 'S207 省道'],
  ] as const) {
    const L = 1.5 * Math.max(rx, ry);
    const a: Pt = [center[0] - L * Math.cos(th), center[1] - L * Math.sin(th)];
    const b: Pt = [center[0] + L * Math.cos(th), center[1] + L * Math.sin(th)];
    const left = bent(a, center, rdr, 6, 0.02);
    const right = bent(center, b, rdr, 6, 0.02);
    lines.push({ pts: [...left, ...right.slice(1)], kind: 'road', level: 'provincial', name, half: 15 });
  }
  // county roads: minimum spanning tree over the seats plus a few loops
  {
    const inTree = [0];
    const edges: [number, number][] = [];
    const rest = new Set<number>(seats.map((_, i) => i).slice(1));
    while (rest.size > 0) {
      let best: [number, number] = [-1, -1];
      let bd = Infinity;
      for (const i of inTree)
        for (const j of rest) {
          const d = Math.hypot(seats[i][0] - seats[j][0], seats[i][1] - seats[j][1]);
          if (d < bd) {
            bd = d;
            best = [i, j];
          }
        }
      edges.push(best);
      inTree.push(best[1]);
      rest.delete(best[1]);
    }
    const has = new Set(edges.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
    for (let i = 1; i < seats.length; i++) {
      if (!rdr.chance(0.4)) continue;
      let bj = -1;
      let bd = Infinity;
      for (let j = 0; j < seats.length; j++) {
        if (j === i || has.has(`${Math.min(i, j)}-${Math.max(i, j)}`)) continue;
        const d = Math.hypot(seats[i][0] - seats[j][0], seats[i][1] - seats[j][1]);
        if (d < bd) {
          bd = d;
          bj = j;
        }
      }
      if (bj >= 0) {
        has.add(`${Math.min(i, bj)}-${Math.max(i, bj)}`);
        edges.push([i, bj]);
      }
    }
    edges.forEach(([a, b], n) => {
      lines.push({ pts: bent(seats[a], seats[b], rdr, 3, 0.05), kind: 'road', level: 'county', name: `X${String(101 + n).padStart(3, '0')} 县道`, half: 9 });
    });
  }
  // village roads: each village to the nearest of its township's seat or a village nearer the seat
  for (const t of townships) {
    const vs = t.villages;
    for (let v = 1; v < vs.length; v++) {
      const d0 = Math.hypot(vs[v].seat[0] - t.seat[0], vs[v].seat[1] - t.seat[1]);
      let target = t.seat;
      let bd = d0;
      for (let u = 1; u < vs.length; u++) {
        if (u === v) continue;
        const du = Math.hypot(vs[u].seat[0] - t.seat[0], vs[u].seat[1] - t.seat[1]);
        if (du >= d0) continue;
        const d = Math.hypot(vs[u].seat[0] - vs[v].seat[0], vs[u].seat[1] - vs[v].seat[1]);
        if (d < bd) {
          bd = d;
          target = vs[u].seat;
        }
      }
      lines.push({ pts: bent(vs[v].seat, target, rdr, 2, 0.06), kind: 'road', level: 'village', name: `${vs[v].name}村道`.replace('村村', '村'), half: 5 });
    }
  }
  // canals from the river into the low farmland
  const cr = stream('canals');
  const nC = Math.max(1, Math.round(3 * s * s));
  const canalNames = ['东干渠', '南干渠', '团结干渠', '跃进干渠', '幸福干渠', '胜利干渠'];
  for (let c = 0, tries = 0; c < nC && tries < 200; tries++) {
    const i = insideIdx[Math.floor(cr.range(0.15, 0.9) * insideIdx.length)];
    const p0 = river[i];
    if (pointInRing(p0, wetRedline)) continue;
    const a = river[Math.max(0, i - 3)];
    const b = river[Math.min(river.length - 1, i + 3)];
    const dir = Math.atan2(b[1] - a[1], b[0] - a[0]);
    let hd = dir + (Math.PI / 2) * ((center[0] - p0[0]) * -Math.sin(dir) + (center[1] - p0[1]) * Math.cos(dir) > 0 ? 1 : -1);
    hd += cr.range(-0.35, 0.35);
    const pts: Pt[] = [p0];
    let p = p0;
    const L = cr.range(7000, 13000) * k;
    for (let d = 0; d < L; d += 1800 * k) {
      hd += cr.range(-0.18, 0.18);
      const q: Pt = [p[0] + 1800 * k * Math.cos(hd), p[1] + 1800 * k * Math.sin(hd)];
      if (!inCounty(q) || pointInRing(q, townBoundary) || inAnyRing(q, redlines)) break;
      pts.push(q);
      p = q;
    }
    if (pts.length < 3) continue;
    lines.push({ pts, kind: 'canal', level: 'main', name: canalNames[c % canalNames.length] + (c >= canalNames.length ? String(c) : ''), half: 7 });
    c++;
  }
  lines.push({ pts: river, kind: 'river', level: 'river', name: '安丰河', half: riverHalf });

  // ---- obstacles: everything that is not farmland. Areas (built-up, wetland, forest, sand) as polygons; linear
  // features (roads, canals, the river with its setback) as thick polylines; township boundaries by insetting
  // each township by 3 m (a 6 m gap between neighbours).
  const obstacles: Obstacle[] = [];
  const addPoly = (p: Poly) => obstacles.push({ poly: p, bbox: ringBBox(p[0]) });
  addPoly([townBuilt]);
  for (const t of townships) for (const v of t.villages) if (v.built !== townBuilt) addPoly([v.built]);
  addPoly([wetland]);
  for (const f of forests) addPoly([f.core]);
  for (const r of sandy) addPoly([r]);
  // scattered non-farm patches (ponds, grass, small woods) between the fields
  const patches: Ring[] = [];
  {
    const pr = stream('patches');
    const nP = Math.round(200 * s * s);
    for (let tries = 0; patches.length < nP && tries < nP * 50; tries++) {
      const c: Pt = [pr.range(-rx, rx), pr.range(-ry, ry)];
      if (!deepInCounty(c) || pointInRing(c, townBoundary) || inAnyRing(c, redlines)) continue;
      const r = Math.max(60, Math.min(600, 170 * Math.exp(0.55 * pr.normal()))) * k;
      const pseed = hashString(`${seed}/patch/${patches.length}`);
      patches.push(blob(c[0], c[1], r, pseed, { amp: 0.42, n: 20, harmonics: 4, stretch: pr.range(1, 1.9), angle: pr.range(0, 3.14) }));
    }
    for (const p of patches) addPoly([p]);
  }
  const thick: ThickLine[] = lines.map((l) => ({ pts: l.kind === 'river' ? riverCoarse : l.pts, half: l.kind === 'river' ? riverSetback : l.half }));
  for (const t of townships) t.inset = t.polys.map((poly) => [insetRing(cleanRing(poly[0], 5, 0.5), 3)]);
  const obstacleIndex = new Flatbush(obstacles.length);
  for (const o of obstacles) obstacleIndex.add(o.bbox[0], o.bbox[1], o.bbox[2], o.bbox[3]);
  obstacleIndex.finish();

  return {
    opts,
    s,
    k,
    rx,
    ry,
    outline,
    river,
    riverZone,
    town: { center, built: townBuilt, boundary: townBoundary, boundaryTest: townBoundaryTest, name: townships[0].name },
    seatBoundaries,
    wetland,
    wetlandPad,
    wetRedline,
    wetRedlineTest,
    forests,
    sandy,
    patches,
    saline,
    townships,
    lines,
    obstacles,
    thick,
    obstacleIndex,
    elevation,
    hill,
  };
}
