/**
 * Contiguity of a set of polygons (占补平衡 "集中连片", docs/domain.md §5): how many separate pieces, the smallest piece,
 * and compactness by the Polsby–Popper score 4πA/P² (1 for a disc, π/4 ≈ 0.785 for a square, ≈ 0.44 for a 1:5
 * strip, ≈ 0.26 for a 1:10 strip), area-weighted over pieces.
 *
 * Pieces are the polygons of the union (touching polygons merge into one piece). Perimeters use the local
 * ellipsoidal scale at each edge's mid-latitude (meridional radius M, prime-vertical radius N on CGCS2000):
 * better than 1e-6 for edges under a kilometre, far more than a compactness score needs.
 *
 * The thresholds that call a supplement "scattered" (占整补散) are local practice, not national figures: the
 * defaults (smallest piece ≥ 2 亩, compactness ≥ 0.3 ≈ no thinner than a 1:8 strip) are illustrative and
 * configurable (AnalysisConfig.contiguity).
 */
import { CGCS2000, polygonAreaEllipsoidal } from '../area/ellipsoid';
import { m2ToMu } from '../area/units';
import { type AreaLike, tryUnion } from '../overlay/clip';
import type { MultiPolygonCoords, Ring } from '../types';

export interface Contiguity {
  pieces: number;
  /** Area of the smallest / largest piece (亩); 0 when there are no pieces. */
  smallestPieceMu: number;
  largestPieceMu: number;
  /** Area-weighted Polsby–Popper compactness 4πA/P² of the pieces, 0..1 (0 when empty). */
  compactness: number;
  /** Per piece, largest first. */
  pieceList: { areaMu: number; perimeterM: number; compactness: number }[];
}

const a = CGCS2000.a;
const e2 = CGCS2000.f * (2 - CGCS2000.f);
const RAD = Math.PI / 180;

/** Length (m) of a ring's boundary, straight lon/lat edges measured at the local ellipsoidal scale. */
export function ringPerimeterM(ring: Ring): number {
  let len = 0;
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i - 1];
    const q = ring[i];
    const phi = ((p[1] + q[1]) / 2) * RAD;
    const s = Math.sin(phi);
    const w = 1 - e2 * s * s;
    const N = a / Math.sqrt(w);
    const M = (a * (1 - e2)) / (w * Math.sqrt(w));
    const dx = (q[0] - p[0]) * RAD * N * Math.cos(phi);
    const dy = (q[1] - p[1]) * RAD * M;
    len += Math.hypot(dx, dy);
  }
  const f = ring[0];
  const l = ring[ring.length - 1];
  if (ring.length > 1 && (f[0] !== l[0] || f[1] !== l[1])) len += ringPerimeterM([l, f]);
  return len;
}

/** Contiguity of polygons that are already disjoint (e.g. the polygons of a union). */
export function contiguityOfPieces(coords: MultiPolygonCoords): Contiguity {
  const pieceList: Contiguity['pieceList'] = [];
  for (const poly of coords) {
    const areaM2 = polygonAreaEllipsoidal(poly);
    if (!(areaM2 > 0)) continue;
    let perimeter = 0;
    for (const ring of poly) perimeter += ringPerimeterM(ring);
    pieceList.push({ areaMu: m2ToMu(areaM2), perimeterM: perimeter, compactness: perimeter > 0 ? (4 * Math.PI * areaM2) / (perimeter * perimeter) : 0 });
  }
  pieceList.sort((x, y) => y.areaMu - x.areaMu);
  const total = pieceList.reduce((s, p) => s + p.areaMu, 0);
  return {
    pieces: pieceList.length,
    smallestPieceMu: pieceList.length ? pieceList[pieceList.length - 1].areaMu : 0,
    largestPieceMu: pieceList.length ? pieceList[0].areaMu : 0,
    compactness: total > 0 ? pieceList.reduce((s, p) => s + p.compactness * p.areaMu, 0) / total : 0,
    pieceList,
  };
}

/** Contiguity of any polygons: unioned first (touching or overlapping polygons form one piece). */
export function contiguity(geoms: readonly AreaLike[]): { result: Contiguity; failure?: string } {
  const u = tryUnion(geoms);
  if (!u.ok) {
    const flat = geoms.flatMap((g) => (Array.isArray(g) ? g : g.type === 'Polygon' ? [g.coordinates as MultiPolygonCoords[number]] : (g.coordinates as MultiPolygonCoords)));
    return { result: contiguityOfPieces(flat), failure: u.message };
  }
  return { result: contiguityOfPieces(u.coords) };
}
