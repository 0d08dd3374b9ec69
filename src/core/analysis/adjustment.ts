/**
 * Control-area adjustment (控制面积平差, docs/domain.md §2): the parcel areas inside an administrative unit are made to
 * add up exactly (to 0.01 m²) to the unit's control area — the ellipsoidal area of its boundary — so that
 * county = Σ townships = Σ villages = Σ parcels in the published figures.
 *
 *   1. assign each parcel to a unit: by code (its ZLDWDM/XZQDM starts with the unit's code), else — for parcels
 *      without a code — by boundary (the unit containing the centre of the parcel's bbox);
 *   2. control area C = ellipsoidal area of the unit's polygon (area/ellipsoid.ts, the same formula as parcels);
 *   3. proportional: aᵢ' = aᵢ · C / Σa, in cents (0.01 m²); then rounded by the largest-remainder method — floor
 *      every aᵢ', give the missing cents to the largest fractional parts (ties: file order) — so Σ aᵢ' = round(C, 0.01)
 *      exactly;
 *   4. report per unit: control area, Σ before, difference (C − Σ, m² and relative) and whether |relative| exceeds
 *      the stated tolerance. Such a difference is a data error (gaps or overlaps in the survey, or a layer that is
 *      not the unit's complete coverage): a flagged unit is NOT adjusted (spreading a 10 % gap over its parcels
 *      would inflate every figure) unless `adjustFlagged` is set; the report says which happened.
 *
 * The layer to adjust must be the complete 地类图斑 coverage of its units (all land classes): adjusting a 耕地-only
 * layer to the township's area would be meaningless, and every unit would be flagged.
 * The adjusted layer is a copy: its parcels carry the adjusted areaM2 and `adjustedFromM2` (the computed area),
 * and every figure computed from it (summary, targets, impact pieces) uses the adjusted areas.
 */
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { pointInRing } from '../io/rings';
import type { Layer } from '../layers/layer';
import type { AreaGeometry } from '../types';
import { locationCode } from '../layers/attrTable';

export interface ControlUnit {
  /** Region code (6 county / 9 township / 12 village digits). */
  code: string;
  name?: string;
  geometry: AreaGeometry;
}

export interface UnitAdjustment {
  code: string;
  name: string;
  /** How the unit's parcels were found: by code prefix and/or by boundary (parcels without a code). */
  parcels: number;
  parcelsByBoundary: number;
  /** Control area (ellipsoidal area of the unit's boundary), m², rounded to 0.01. */
  controlM2: number;
  /** Σ computed parcel areas before adjustment, m². */
  sumBeforeM2: number;
  /** Σ areas after (= controlM2 exactly, in cents, when adjusted; Σ before otherwise). */
  sumAfterM2: number;
  /** controlM2 − sumBeforeM2 (m²) and relative to the control area. */
  diffM2: number;
  relDiff: number;
  /** |relDiff| > tolerance: gaps or overlaps in the data (or not the unit's complete coverage). */
  flagged: boolean;
  /** Whether the unit's parcels were adjusted (false for flagged units unless adjustFlagged). */
  adjusted: boolean;
}

export interface AdjustmentResult {
  layer: Layer;
  units: UnitAdjustment[];
  /** Relative tolerance the units were checked against. */
  tolerance: number;
  /** Parcels no unit took (left unadjusted), by id. */
  unassigned: string[];
}

/** Default relative tolerance: 1e-4 (0.01 %) of a unit's control area. */
export const DEFAULT_ADJUSTMENT_TOLERANCE = 1e-4;

/**
 * Largest-remainder rounding of non-negative values to integers that add up to `total` exactly.
 * Ties in the remainder go to the earlier value. `total` must lie within [Σ floor, Σ floor + n].
 *
 * @example largestRemainder([1.5, 1.5, 1], 4) // [2, 1, 1]
 */
export function largestRemainder(values: ArrayLike<number>, total: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const frac = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.max(0, values[i]);
    const f = Math.floor(v);
    out[i] = f;
    frac[i] = v - f;
    sum += f;
  }
  let missing = Math.round(total - sum);
  if (missing <= 0 || n === 0) return out;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => frac[b] - frac[a] || a - b);
  for (let k = 0; missing > 0; k = (k + 1) % n, missing--) out[order[k]] += 1;
  return out;
}

function inGeometry(g: AreaGeometry, x: number, y: number): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    if (!poly.length || !pointInRing(x, y, poly[0])) continue;
    let hole = false;
    for (let h = 1; h < poly.length && !hole; h++) hole = pointInRing(x, y, poly[h]);
    if (!hole) return true;
  }
  return false;
}

/**
 * Adjust a layer's parcel areas to the control areas of the given units (see the file comment).
 *
 * @param layer  the complete 地类图斑 coverage of the units
 * @param units  unit boundaries with their codes (townships or villages; codes must not nest)
 * @param opts.tolerance  relative difference above which a unit is flagged (default 1e-4)
 */
export function adjustLayer(layer: Layer, units: readonly ControlUnit[], opts: { tolerance?: number; adjustFlagged?: boolean } = {}): AdjustmentResult {
  const tolerance = opts.tolerance ?? DEFAULT_ADJUSTMENT_TOLERANCE;
  // longest code first, so a parcel goes to the most specific unit when codes nest
  const order = units.map((_, i) => i).sort((a, b) => units[b].code.length - units[a].code.length || a - b);
  const members: number[][] = units.map(() => []);
  const byBoundary = new Int32Array(units.length);
  const unassigned: string[] = [];
  layer.parcels.forEach((p, i) => {
    const code = locationCode(p);
    let u = -1;
    if (code !== undefined) {
      for (const k of order)
        if (code.startsWith(units[k].code)) {
          u = k;
          break;
        }
    } else {
      const x = (p.bbox[0] + p.bbox[2]) / 2;
      const y = (p.bbox[1] + p.bbox[3]) / 2;
      for (const k of order)
        if (inGeometry(units[k].geometry, x, y)) {
          u = k;
          byBoundary[k]++;
          break;
        }
    }
    if (u < 0) unassigned.push(p.id);
    else members[u].push(i);
  });

  const adjusted = layer.parcels.slice();
  const report: UnitAdjustment[] = units.map((unit, k) => {
    const controlM2 = Math.round(geometryAreaEllipsoidal(unit.geometry) * 100) / 100;
    const list = members[k];
    let before = 0;
    for (const i of list) before += layer.parcels[i].areaM2;
    const diffM2 = controlM2 - before;
    const relDiff = controlM2 > 0 ? diffM2 / controlM2 : before > 0 ? -1 : 0;
    const flagged = Math.abs(relDiff) > tolerance;
    const apply = list.length > 0 && before > 0 && (!flagged || opts.adjustFlagged === true);
    let after = before;
    if (apply) {
      const targetCents = Math.round(controlM2 * 100);
      const raw = list.map((i) => (layer.parcels[i].areaM2 / before) * targetCents);
      const cents = largestRemainder(raw, targetCents);
      list.forEach((i, j) => {
        const p = layer.parcels[i];
        const a = cents[j] / 100;
        adjusted[i] = { ...p, areaM2: a, adjustedFromM2: p.adjustedFromM2 ?? p.areaM2 };
      });
      let c = 0;
      for (let j = 0; j < cents.length; j++) c += cents[j];
      after = c / 100;
    }
    return {
      code: unit.code, name: unit.name ?? '', parcels: list.length, parcelsByBoundary: byBoundary[k], controlM2, sumBeforeM2: before, sumAfterM2: after,
      diffM2, relDiff, flagged, adjusted: apply,
    };
  });
  const gross = adjusted.reduce((s, p) => s + p.areaM2, 0);
  return { layer: { ...layer, parcels: adjusted, grossAreaM2: gross }, units: report, tolerance, unassigned };
}

/** 平差 table: one row per unit (control area, Σ before, difference, flag) and a 合计 row. */
export function adjustmentTable(r: AdjustmentResult): { name: string; columns: { header: string; numFmt?: string; width?: number }[]; rows: unknown[][] } {
  const M2 = '#,##0.00';
  const rows: unknown[][] = r.units.map((u) => [u.code, u.name, u.parcels, u.parcelsByBoundary, u.controlM2, u.sumBeforeM2, u.sumAfterM2, u.diffM2, u.relDiff, u.flagged ? (u.adjusted ? '超限（数据有缝隙或重叠），仍已平差' : '超限（数据有缝隙或重叠），未平差') : u.adjusted ? '已平差' : '无图斑']);
  const sum = (k: 'controlM2' | 'sumBeforeM2' | 'sumAfterM2' | 'diffM2') => r.units.reduce((s, u) => s + u[k], 0);
  const control = sum('controlM2');
  rows.push(['合计', '', r.units.reduce((s, u) => s + u.parcels, 0), r.units.reduce((s, u) => s + u.parcelsByBoundary, 0), control, sum('sumBeforeM2'), sum('sumAfterM2'), sum('diffM2'), control > 0 ? sum('diffM2') / control : 0, `${r.units.filter((u) => u.flagged).length} 个单元超限（容差 ${r.tolerance}）`]);
  return {
    name: '平差',
    columns: [
      { header: '单元代码', width: 14 }, { header: '单元名称', width: 14 }, { header: '图斑数', numFmt: '#,##0', width: 10 }, { header: '其中按边界归属', numFmt: '#,##0', width: 12 },
      { header: '控制面积(平方米)', numFmt: M2, width: 18 }, { header: '平差前图斑面积之和(平方米)', numFmt: M2, width: 20 }, { header: '平差后图斑面积之和(平方米)', numFmt: M2, width: 20 },
      { header: '差值(平方米)', numFmt: M2, width: 14 }, { header: '相对差', numFmt: '0.000000%', width: 12 }, { header: '说明', width: 28 },
    ],
    rows,
  };
}
