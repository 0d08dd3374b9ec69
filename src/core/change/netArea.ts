/**
 * 地类面积 (area net of 田坎) of a piece of a parcel. THE one place the change report turns polygon area into
 * 地类面积, so it can be switched to the engine's own net-area rule when that lands (issue #15).
 *
 * Rule (docs/domain.md §6): a clipped piece keeps its parcel's ratio, piece 地类面积 = piece area × (1 − KCXS); the
 * rest (piece area × KCXS) is the deducted class, 田坎 1203. No KCXS (or an invalid one) means no deduction.
 */
export function netShareOf(kcxs: number | undefined): number {
  if (kcxs === undefined || !Number.isFinite(kcxs) || kcxs <= 0 || kcxs >= 1) return 1;
  return 1 - kcxs;
}

/** 地类面积 of a piece of `pieceAreaM2` m² cut from a parcel with deduction coefficient `kcxs`. */
export function netAreaM2(pieceAreaM2: number, kcxs: number | undefined): number {
  return pieceAreaM2 * netShareOf(kcxs);
}
