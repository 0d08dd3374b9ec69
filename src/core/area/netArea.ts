/**
 * 地类面积 (net land-class area) of a parcel: its 图斑面积 minus the 田坎 deduction (docs/domain.md §4, 三调:
 * `TBDLMJ = TBMJ − KCMJ`, `KCMJ = TBMJ × KCXS`; the deducted part is land class 1203 田坎).
 *
 * The engine never trusts a declared area as the parcel's size — the size is the geometry's ellipsoidal area —
 * but it takes the parcel's *ratio* net/gross from its declared fields, so that a piece of the parcel (clipped by a
 * site, a region or a red line) keeps the parcel's deduction: piece net = piece area × parcelNetFactor(attrs).
 *
 * Rule, in order:
 *   1. TBMJ > 0 and TBDLMJ declared            → TBDLMJ / TBMJ
 *   2. TBMJ > 0 and KCMJ declared              → (TBMJ − KCMJ) / TBMJ
 *   3. KCXS declared                           → 1 − KCXS
 *   4. nothing declared                        → 1 (no deduction known)
 * A ratio outside 0..1 (bad data — validation reports KCXS outside 0..1 and TBDLMJ > TBMJ) is clamped so that a
 * net area can never exceed the polygon's area nor be negative.
 */
import type { ParcelAttrs } from '../types';

/** Where a parcel's net factor came from (see the rule above). */
export type NetFactorSource = 'tbdlmj' | 'kcmj' | 'kcxs' | 'none';

/** The net/gross factor and the rule that gave it. */
export function parcelNetFactorWithSource(attrs: Pick<ParcelAttrs, 'tbmj' | 'tbdlmj' | 'kcmj' | 'kcxs'>): { factor: number; source: NetFactorSource } {
  const { tbmj, tbdlmj, kcmj, kcxs } = attrs;
  if (tbmj !== undefined && tbmj > 0 && Number.isFinite(tbmj)) {
    if (tbdlmj !== undefined && Number.isFinite(tbdlmj)) return { factor: clamp01(tbdlmj / tbmj), source: 'tbdlmj' };
    if (kcmj !== undefined && Number.isFinite(kcmj)) return { factor: clamp01((tbmj - kcmj) / tbmj), source: 'kcmj' };
  }
  if (kcxs !== undefined && Number.isFinite(kcxs)) return { factor: clamp01(1 - kcxs), source: 'kcxs' };
  return { factor: 1, source: 'none' };
}

/**
 * The per-parcel net factor (地类面积 / 图斑面积), 0..1 — the ONE function every figure, writer and the database
 * use: net m² = polygon (or piece) m² × parcelNetFactor(attrs).
 *
 * @example parcelNetFactor({ tbmj: 1000, tbdlmj: 950 }) // 0.95
 * @example parcelNetFactor({ kcxs: 0.08 })              // 0.92
 */
export function parcelNetFactor(attrs: Pick<ParcelAttrs, 'tbmj' | 'tbdlmj' | 'kcmj' | 'kcxs'>): number {
  return parcelNetFactorWithSource(attrs).factor;
}

/** Which area the target lines, duties and the headline figures use. */
export type AreaBasis = 'net' | 'polygon';
export const DEFAULT_AREA_BASIS: AreaBasis = 'net';

export const AREA_BASIS_LABEL: Record<AreaBasis, { zh: string; en: string; formula: string }> = {
  net: { zh: '地类面积', en: 'net land-class area', formula: '图斑面积 × TBDLMJ/TBMJ（或 1 − KCXS）' },
  polygon: { zh: '图斑面积', en: 'polygon area', formula: '图斑椭球面积（CGCS2000）' },
};

/** Parse a basis name (CLI flag, setting); undefined for anything else. */
export function parseAreaBasis(v: unknown): AreaBasis | undefined {
  return v === 'net' || v === 'polygon' ? v : undefined;
}

function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 1;
  return Math.min(1, Math.max(0, x));
}
