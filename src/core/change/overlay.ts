/**
 * Exact overlay of two vintages of the same area on the CGCS2000 ellipsoid.
 *
 * Every piece of land falls in exactly one pair: (before parcel i, after parcel j) for each pair that overlaps,
 * (i, none) for the part of i that no after parcel covers, (none, j) likewise. Pair areas are the exact
 * Green's-theorem intersection areas the engine uses for sites (overlay/pairArea.ts → greenArea.ts, polyclip only on
 * near-degeneracy); candidates come from the after layer's flatbush index. The uncovered parts are remainders
 * (parcel area − Σ its pairs), measured again by clipping when they are not nil, so Σ row = before total and
 * Σ column = after total hold to rounding; overlay.test.ts checks every piece against a brute-force polyclip reference.
 *
 * Each vintage is assumed to be a partition (no overlaps inside it, as validation checks on load); where the other
 * vintage's parcels overlap inside one parcel the remainder goes negative and a finding names the parcel.
 * Pieces smaller than `sliverM2` (default 0.5 m², the survey tools' sliver tolerance) are kept and listed.
 */
import { searchIndex } from '../index/spatialIndex';
import type { Layer } from '../layers/layer';
import { parcelProps } from '../layers/propsTable';
import { parcelPairArea, preparedParcel } from '../overlay/pairArea';
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { tryDifference } from '../overlay/clip';
import type { Finding, Parcel } from '../types';
import { type ChangePieces, PieceBuilder } from './pieces';
import { sideOfParcel } from './sides';

/** Areas at or below this (m²) are contact (shared edges, rounding), not land. */
export const CONTACT_M2 = 1e-6;
/** Default sliver tolerance (m²): pieces below it are listed as slivers. */
export const DEFAULT_SLIVER_M2 = 0.5;

export interface OverlayOptions {
  sliverM2?: number;
  /** Called every `progressEvery` before parcels and at the end: (done, total). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** Same boundary: equal boxes, then the same prepared (re-oriented, de-duplicated) vertices in the same order. */
function sameBoundary(p: Parcel, q: Parcel): boolean {
  const a = p.bbox;
  const b = q.bbox;
  if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2] || a[3] !== b[3]) return false;
  const P = preparedParcel(p);
  const Q = preparedParcel(q);
  if (P.n !== Q.n || !P.ok || !Q.ok) return false;
  for (let v = 0; v < P.n; v++) if (P.xs[v] !== Q.xs[v] || P.ys[v] !== Q.ys[v] || P.next[v] !== Q.next[v]) return false;
  return true;
}

export function overlayVintages(before: Layer, after: Layer, opts: OverlayOptions = {}): ChangePieces {
  const sliverM2 = opts.sliverM2 ?? DEFAULT_SLIVER_M2;
  const every = opts.progressEvery ?? 2000;
  const findings: Finding[] = [];
  const B = before.parcels;
  const A = after.parcels;
  const out = new PieceBuilder();
  const covered = new Float64Array(A.length);
  let beforeTotal = 0;
  let afterTotal = 0;
  for (const p of A) afterTotal += p.areaM2;
  for (let i = 0; i < B.length; i++) {
    const p = B[i];
    beforeTotal += p.areaM2;
    const cands = searchIndex(after.index, A.length, p.bbox).sort((x, y) => x - y);
    let sum = 0;
    // Unchanged parcel (most of a year's data): an after parcel with the very same boundary is the whole pair, and
    // in a partition no other after parcel meets it inside — the overlaps that would break this are reported by
    // validation when the vintage is loaded.
    const same = cands.find((j) => sameBoundary(p, A[j]));
    if (same !== undefined) {
      out.push(i, same, p.areaM2);
      covered[same] += p.areaM2;
      if (opts.onProgress && (i + 1) % every === 0) opts.onProgress(i + 1, B.length);
      continue;
    }
    for (const j of cands) {
      const r = parcelPairArea(p, A[j]);
      if (!r.ok) {
        findings.push({
          severity: 'error', code: 'change.overlay', file: before.file, featureIndex: p.index, featureId: p.id,
          message: `${before.file} 图斑 ${p.id} 与 ${after.file} 图斑 ${A[j].id} 叠加失败 / overlay of before parcel ${p.id} and after parcel ${A[j].id} failed: ${r.message}`,
        });
        continue;
      }
      if (r.areaM2 <= CONTACT_M2) continue;
      out.push(i, j, r.areaM2);
      sum += r.areaM2;
      covered[j] += r.areaM2;
    }
    remainder(p.areaM2 - sum, i, -1, p, after, before.file);
    if (opts.onProgress && (i + 1) % every === 0) opts.onProgress(i + 1, B.length);
  }
  for (let j = 0; j < A.length; j++) remainder(A[j].areaM2 - covered[j], -1, j, A[j], before, after.file);
  opts.onProgress?.(B.length, B.length);

  /**
   * The part of parcel `own` outside every parcel of `other`: `gap` = its area − Σ its pairs. That difference
   * cancels (≈ 1e-11 of the parcel's area), so a real gap is measured again by clipping (gaps are rare: the edge of
   * the surveyed area, re-digitised boundaries); the remainder stands only if clipping fails.
   */
  function remainder(gap: number, b: number, a: number, own: Parcel, otherLayer: Layer, file: string) {
    const whole = own.areaM2;
    const id = own.id;
    const other = otherLayer.file;
    const eps = Math.max(CONTACT_M2, whole * 1e-10);
    if (gap > eps) {
      const near = searchIndex(otherLayer.index, otherLayer.parcels.length, own.bbox).map((j) => otherLayer.parcels[j].geometry);
      const d = tryDifference(own.geometry, near);
      const area = d.ok ? multiPolygonAreaEllipsoidal(d.coords) : gap;
      if (area > CONTACT_M2) out.push(b, a, area);
    } else if (gap < -Math.max(eps, 1e-9 * whole))
      findings.push({
        severity: 'error', code: 'change.overlap', file, featureId: id,
        message: `${file} 图斑 ${id} 内 ${other} 的图斑相互重叠 ${(-gap).toFixed(3)} m² / parcels of ${other} overlap each other by ${(-gap).toFixed(3)} m² inside parcel ${id}`,
      });
  }

  const n = out.count;
  const pieces: ChangePieces = {
    source: 'overlay',
    files: { before: before.file, after: after.file },
    before: B.map((p, i) => sideOfParcel(p, i)),
    after: A.map((p, j) => sideOfParcel(p, j)),
    count: n,
    b: Int32Array.from(out.b),
    a: Int32Array.from(out.a),
    areaM2: Float64Array.from(out.area),
    beforeTotalM2: beforeTotal,
    afterTotalM2: afterTotal,
    sliverM2,
    slivers: [],
    findings,
    // each parcel's properties from its vintage's columns, when a piece is looked at (not one object per parcel)
    propsOf: (side, i) => (side === 'before' ? parcelProps(before, B[i]) : parcelProps(after, A[i])),
  };
  for (let k = 0; k < n; k++) if (pieces.areaM2[k] < sliverM2) pieces.slivers.push({ piece: k, areaM2: pieces.areaM2[k] });
  return pieces;
}
