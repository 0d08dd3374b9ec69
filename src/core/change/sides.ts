/** A vintage's parcel as one side of a change piece. */
import type { Parcel } from '../types';
import { UNKNOWN_CODE } from './classes';
import type { ChangeSide } from './pieces';

export function sideOfParcel(p: Parcel, index: number): ChangeSide {
  // (no props: the overlay's pieces build them when asked, ChangePieces.propsOf)
  const s: ChangeSide = { id: p.id, dlbm: p.attrs.dlbm ?? UNKNOWN_CODE, index, areaM2: p.areaM2 };
  if (p.attrs.kcxs !== undefined) s.kcxs = p.attrs.kcxs;
  if (p.attrs.zzsxdm !== undefined) s.zzsxdm = p.attrs.zzsxdm.toUpperCase();
  if (p.attrs.gddj !== undefined) s.gddj = p.attrs.gddj;
  const region = p.attrs.zldwdm ?? p.attrs.xzqdm;
  if (region !== undefined) s.zldwdm = region;
  return s;
}
