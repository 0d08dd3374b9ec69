/**
 * How every indicator turns a parcel's (piece) area into the area it reports: through the engine's one net-area rule,
 * `parcelNetFactor` in core/area/netArea.ts (地类面积 = area × TBDLMJ/TBMJ, or × (1 − KCXS); a clipped piece keeps its
 * parcel's ratio — docs/domain.md §4). This file only adapts it to a `Parcel` and says whether any deduction applied.
 */
import { parcelNetFactorWithSource } from '../../area/netArea';
import type { Parcel } from '../../types';
import { attrOf } from '../../layers/attrTable';

/** Which basis an indicator's areas are on: 'net' = 地类面积 (some parcel declared its 田坎), 'gross' = ellipsoidal area. */
export type AreaBasis = 'net' | 'gross';

/** Share of a parcel's area that counts as its 地类面积 (the engine's rule; 1 when nothing is declared). */
export function parcelNetFactor(p: Parcel): number {
  return parcelNetFactorWithSource(netFields(p)).factor;
}

/** Whether the parcel declares its 田坎 deduction (TBDLMJ, KCMJ or KCXS), so its area is on the net basis. */
export function hasNetFactor(p: Parcel): boolean {
  return parcelNetFactorWithSource(netFields(p)).source !== 'none';
}

/** The four fields the rule reads, without building the parcel's whole attributes (these run for every parcel). */
function netFields(p: Parcel): { tbmj?: number; tbdlmj?: number; kcmj?: number; kcxs?: number } {
  const o: { tbmj?: number; tbdlmj?: number; kcmj?: number; kcxs?: number } = {};
  const tbmj = attrOf(p, 'tbmj');
  const tbdlmj = attrOf(p, 'tbdlmj');
  const kcmj = attrOf(p, 'kcmj');
  const kcxs = attrOf(p, 'kcxs');
  if (tbmj !== undefined) o.tbmj = tbmj;
  if (tbdlmj !== undefined) o.tbdlmj = tbdlmj;
  if (kcmj !== undefined) o.kcmj = kcmj;
  if (kcxs !== undefined) o.kcxs = kcxs;
  return o;
}
