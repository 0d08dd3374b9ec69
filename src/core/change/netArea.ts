import { parcelNetFactor } from '../area/netArea';

/**
 * 地类面积 (area net of 田坎) of a piece of a parcel, for the change report: the engine's one rule
 * (`parcelNetFactor`, core/area/netArea.ts) applied to the vintage's KCXS (the change layers carry BGQKCXS/BGHKCXS).
 *
 * Rule (docs/domain.md §4): a clipped piece keeps its parcel's ratio, piece 地类面积 = piece area × (1 − KCXS); the
 * rest (piece area × KCXS) is the deducted class, 田坎 1203. No KCXS means no deduction; a KCXS outside 0..1 (reported
 * by validation) is clamped, as everywhere in the engine.
 */
export function netShareOf(kcxs: number | undefined): number {
  return parcelNetFactor({ kcxs });
}

/** 地类面积 of a piece of `pieceAreaM2` m² cut from a parcel with deduction coefficient `kcxs`. */
export function netAreaM2(pieceAreaM2: number, kcxs: number | undefined): number {
  return pieceAreaM2 * netShareOf(kcxs);
}
