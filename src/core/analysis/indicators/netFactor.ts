/**
 * The ONE place where every indicator turns a parcel's (piece) area into the area it reports. Today: 地类面积 where
 * the parcel says how much 田坎 it holds — area × (1 − KCXS) (domain.md §2, §6: TBDLMJ = TBMJ × (1 − KCXS), and a
 * clipped piece keeps its parcel's ratio) — else the area itself.
 *
 * The engine-wide 地类面积 basis (issue #15, the "ledger" work) is meant to replace this function: when it lands,
 * `parcelNetFactor` becomes a call to it, and every indicator (coverage, 黑土地, 盐碱, 撂荒, 奖惩 targets) follows.
 */
import type { Parcel } from '../../types';

/** Which basis an indicator's areas are on: 'net' = 地类面积 (some parcel had KCXS), 'gross' = ellipsoidal area. */
export type AreaBasis = 'net' | 'gross';

/** Share of a parcel's area that counts as its 地类面积: 1 − KCXS when KCXS is a valid 0..1 ratio, else 1. */
export function parcelNetFactor(p: Parcel): number {
  const k = p.attrs.kcxs;
  return k !== undefined && Number.isFinite(k) && k >= 0 && k < 1 ? 1 - k : 1;
}

/** Whether a parcel's area is reduced by parcelNetFactor (it carries a usable KCXS). */
export function hasNetFactor(p: Parcel): boolean {
  const k = p.attrs.kcxs;
  return k !== undefined && Number.isFinite(k) && k >= 0 && k < 1;
}
