/**
 * 高标准农田 不减少 (2024 opinion): built 高标准农田 must not shrink, and occupying it without approval is forbidden
 * (严禁擅自占用). An occupation that touches 高标准农田 raises its own flag with the area and the parcels (projects)
 * it takes — the occupation impact (analysis/impact.ts) calls this on its 高标准农田 overlay. Between two vintages
 * the same check is vintageChange.ts highStandardLoss.
 */
import { m2ToMu } from '../../area/units';

/** Occupied 高标准农田 below this (m², ≈ 1 dm²) is boundary contact and raises no flag (as impact.ts FLAG_MIN_M2). */
export const HIGH_STANDARD_FLAG_MIN_M2 = 0.01;

export interface HighStandardOccupation {
  /** True when more than contact is occupied: 严禁擅自占用. */
  flag: boolean;
  areaM2: number;
  areaMu: number;
  parcels: number;
  parcelIds: string[];
  /** Aligned with parcelIds: m² of each parcel (project) inside the site. */
  parcelAreaM2: number[];
}

/** From an impact layer's overlay of the 高标准农田 layer (ImpactLayer shape: area, ids and piece areas). */
export function highStandardOccupation(l: { areaM2: number; parcelIds: readonly string[]; pieceAreaM2: ArrayLike<number> }): HighStandardOccupation {
  return {
    flag: l.areaM2 > HIGH_STANDARD_FLAG_MIN_M2,
    areaM2: l.areaM2,
    areaMu: m2ToMu(l.areaM2),
    parcels: l.parcelIds.length,
    parcelIds: [...l.parcelIds],
    parcelAreaM2: Array.from(l.pieceAreaM2),
  };
}
