/** A vintage's parcel as one side of a change piece. */
import type { Parcel } from '../types';
import { UNKNOWN_CODE } from './classes';
import type { ChangeSide } from './pieces';
import { attrsOf } from '../layers/attrTable';
import { locationCodeOf } from '../layers/fields';

export function sideOfParcel(p: Parcel, index: number): ChangeSide {
  // (no props: the overlay's pieces build them when asked, ChangePieces.propsOf)
  const a = attrsOf(p);
  const s: ChangeSide = { id: p.id, dlbm: a.dlbm ?? UNKNOWN_CODE, index, areaM2: p.areaM2 };
  if (a.kcxs !== undefined) s.kcxs = a.kcxs;
  if (a.zzsxdm !== undefined) s.zzsxdm = a.zzsxdm.toUpperCase();
  if (a.gddj !== undefined) s.gddj = a.gddj;
  const region = locationCodeOf(a);
  if (region !== undefined) s.zldwdm = region;
  return s;
}
