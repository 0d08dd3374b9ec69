/**
 * Two vintages of one kind of area (高标准农田 in 2023 and 2024, 撂荒地 last year and this year): what the earlier
 * vintage had that the later one lost, and what the later one gained, exactly on the ellipsoid (coverPieces.ts:
 * lost part of a parcel = its effective area − the part inside the union of the other vintage). Per parcel, so the
 * lost / gained land is named parcel by parcel, and per region. Areas through parcelNetFactor.
 * Used by the 高标准农田 不减少 check and 撂荒地 recovered / newly abandoned; the year-on-year change report
 * (src/core/change) may call these too.
 */
import { m2ToMu } from '../../area/units';
import { buildIndex } from '../../index/spatialIndex';
import { isCultivatedCode } from '../../layers/codes';
import type { Layer } from '../../layers/layer';
import type { BBox, Parcel } from '../../types';
import { type CoverFailure, coveredArea } from './coverPieces';
import { isWg } from './abandoned';
import { parcelNetFactor } from './netFactor';
import { type RegionLevelName, RegionSums } from './regionSums';
import { attrOf, locationCode } from '../../layers/attrTable';

/** Changes below this (m², ≈ 1 dm²) are digitising noise between vintages, not land lost or gained. */
export const CHANGE_MIN_M2 = 0.01;

export interface ChangedParcel {
  /** Parcel id and index in its layer (the earlier vintage for lost, the later for gained). */
  id: string;
  index: number;
  areaM2: number;
  areaMu: number;
  regionCode?: string;
  bbox: BBox;
}

export interface VintageDiff {
  /** Area of the `from` vintage not in the `to` vintage, m², and the parcels that lost it (largest first). */
  areaM2: number;
  areaMu: number;
  parcels: ChangedParcel[];
  byRegion: { code: string; level: RegionLevelName; areaM2: number; parcels: number }[];
  failures: CoverFailure[];
}

/** The part of `from` outside the union of `to` (e.g. 高标准农田 of last year no longer in this year's). */
export function areaNotIn(from: Layer, to: Layer, opts: { region?: string } = {}): VintageDiff {
  return diff(from, to, opts, 'outside');
}

/** The part of `from` inside the union of `to` (e.g. last year's WG 耕地 that is cultivated 耕地 this year). */
export function areaIn(from: Layer, to: Layer, opts: { region?: string } = {}): VintageDiff {
  return diff(from, to, opts, 'inside');
}

function diff(from: Layer, to: Layer, opts: { region?: string }, part: 'inside' | 'outside'): VintageDiff {
  const cov = coveredArea(from, to);
  const sums = new RegionSums(['a', 'n'] as const);
  const parcels: ChangedParcel[] = [];
  let total = 0;
  for (let i = 0; i < from.parcels.length; i++) {
    const p = from.parcels[i];
    const code = locationCode(p);
    if (opts.region && !(code ?? '').startsWith(opts.region)) continue;
    const raw = part === 'outside' ? cov.effectiveM2[i] - cov.insideM2[i] : cov.insideM2[i];
    if (raw <= CHANGE_MIN_M2) continue;
    const a = raw * parcelNetFactor(p);
    total += a;
    const loc = locationCode(p);
    sums.add(loc, 'a', a);
    sums.add(loc, 'n', 1);
    const c: ChangedParcel = { id: p.id, index: i, areaM2: a, areaMu: m2ToMu(a), bbox: p.bbox };
    if (code !== undefined) c.regionCode = code;
    parcels.push(c);
  }
  parcels.sort((x, y) => y.areaM2 - x.areaM2 || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    areaM2: total,
    areaMu: m2ToMu(total),
    parcels,
    byRegion: sums.list().map((r) => ({ code: r.code, level: r.level, areaM2: r.values.a, parcels: r.values.n })),
    failures: cov.failures,
  };
}

/**
 * 高标准农田 不减少 between two vintages: the 高标准农田 of `before` no longer inside `after` (严禁擅自占用 —
 * any loss is flagged, with area and parcels). For the year-on-year change report.
 */
export function highStandardLoss(before: Layer, after: Layer, opts: { region?: string } = {}): VintageDiff & { flag: boolean } {
  const d = areaNotIn(before, after, opts);
  return { ...d, flag: d.areaM2 > CHANGE_MIN_M2 };
}

/**
 * Two 撂荒地 *layers* (they carry no 地类): recovered = in the earlier 撂荒地 layer, not in the later one; newly
 * abandoned = the reverse. With two 地类图斑 vintages use cultivatedAbandonedChange, which knows whether the land
 * is still 耕地 (the change report's rule).
 */
export function abandonedChange(before: Layer, after: Layer, opts: { region?: string } = {}): { recovered: VintageDiff; newlyAbandoned: VintageDiff } {
  return { recovered: areaNotIn(before, after, opts), newlyAbandoned: areaNotIn(after, before, opts) };
}

/** The parcels of `layer` that satisfy `keep`, as a layer of their own (indices in the answer refer to this subset). */
function subset(layer: Layer, keep: (p: Parcel) => boolean): Layer {
  const parcels = layer.parcels.filter(keep);
  let bbox: BBox = [0, 0, 0, 0];
  if (parcels.length) {
    bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of parcels) bbox = [Math.min(bbox[0], p.bbox[0]), Math.min(bbox[1], p.bbox[1]), Math.max(bbox[2], p.bbox[2]), Math.max(bbox[3], p.bbox[3])];
  }
  return { ...layer, parcels, index: buildIndex(parcels.map((p) => p.bbox)), bbox, grossAreaM2: parcels.reduce((s, p) => s + p.areaM2, 0) };
}

/**
 * 撂荒地 between two 地类图斑 vintages (DLTB with DLBM and ZZSXDM) — THE rule, the same as the year-on-year change
 * report's 撂荒 rows (src/core/change/report.ts; the two are checked equal in vintageChange.test.ts):
 * recovered = 耕地 that was WG (未耕种) before and is 耕地 not WG after; newly abandoned = the reverse. WG 耕地 that
 * left 耕地 (built on, turned to 林地 …) is not "recovered": it is a 耕地 outflow. 地类面积 on the before parcel's
 * KCXS (a piece keeps its parcel's ratio).
 */
export function cultivatedAbandonedChange(before: Layer, after: Layer, opts: { region?: string } = {}): { recovered: VintageDiff; newlyAbandoned: VintageDiff } {
  const wg = (l: Layer) => subset(l, (p) => isCultivatedCode(attrOf(p, 'dlbm')) && isWg(attrOf(p, 'zzsxdm')));
  const used = (l: Layer) => subset(l, (p) => isCultivatedCode(attrOf(p, 'dlbm')) && !isWg(attrOf(p, 'zzsxdm')));
  return { recovered: areaIn(wg(before), used(after), opts), newlyAbandoned: areaIn(used(before), wg(after), opts) };
}
