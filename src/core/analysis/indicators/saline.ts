/**
 * 盐碱耕地 by degree (轻度 / 中度 / 重度 / 盐土, from the 盐碱地 layer's YJCD / YJDJ field), per region.
 * With a 耕地 layer: the exact overlay of 耕地 with the 盐碱地 polygons (coverPieces.ts), each piece taking the degree of
 * its 盐碱地 polygon and the region of its 耕地 parcel — so a zone layer works as well as one of parcel copies.
 * Without one: the 盐碱地 layer's own parcels (overlaps counted once). Areas through parcelNetFactor of the 耕地 parcel
 * (of the 盐碱地 parcel in the fallback).
 */
import { SALINITY_DEGREES } from '../../layers/codes';
import type { Layer } from '../../layers/layer';
import { layerOverlaps } from '../../overlay/overlaps';
import { parcelsInRegion } from '../summary';
import { type CoverFailure, forEachCoverPiece } from './coverPieces';
import { type AreaBasis, hasNetFactor, parcelNetFactor } from './netFactor';
import { type RegionLevelName, RegionSums } from './regionSums';
import { attrOf, locationCode } from '../../layers/attrTable';

export type SalinityKey = (typeof SALINITY_DEGREES)[number] | 'unknown';
export const SALINITY_KEYS: readonly SalinityKey[] = [...SALINITY_DEGREES, 'unknown'];

export interface SalineFigures {
  /** 盐碱耕地 in all, m². */
  totalM2: number;
  /** By degree (轻度 / 中度 / 重度 / 盐土 / unknown = field empty or not one of these), m². */
  byDegree: Record<SalinityKey, number>;
  /** 耕地 area of the selection / region (m²) and the saline share of it; null without a 耕地 layer. */
  cultivatedM2: number | null;
  share: number | null;
}

export interface SalineRegion extends SalineFigures {
  code: string;
  level: RegionLevelName;
}

export interface SalineIndicator extends SalineFigures {
  basis: AreaBasis;
  /** 'overlay': 耕地 ∩ 盐碱地; 'layer': the 盐碱地 parcels themselves (no 耕地 layer loaded). */
  source: 'overlay' | 'layer';
  byRegion: SalineRegion[];
  failures: CoverFailure[];
}

/** The degree named by a 盐碱地 parcel's field ("轻度盐碱" → 轻度). */
export function salinityOf(v: string | undefined): SalinityKey {
  if (v === undefined) return 'unknown';
  const t = v.trim();
  for (const d of SALINITY_DEGREES) if (t.startsWith(d) || t === d.slice(0, 1)) return d;
  return 'unknown';
}

type Key = SalinityKey | 'total' | 'cultivated';

export function salineIndicator(saline: Layer, cultivated: Layer | undefined, opts: { region?: string } = {}): SalineIndicator {
  const keys: Key[] = [...SALINITY_KEYS, 'total', 'cultivated'];
  const sums = new RegionSums<Key>(keys);
  let net = false;
  let failures: CoverFailure[] = [];
  if (cultivated) {
    const { positions } = parcelsInRegion(cultivated, opts.region);
    const inSel = new Uint8Array(cultivated.parcels.length);
    for (const i of positions) inSel[i] = 1;
    const eff = layerOverlaps(cultivated).effectiveAreaM2;
    for (const i of positions) {
      const p = cultivated.parcels[i];
      if (hasNetFactor(p)) net = true;
      sums.add(locationCode(p), 'cultivated', eff[i] * parcelNetFactor(p));
    }
    failures = forEachCoverPiece(cultivated, saline, (i, j, a) => {
      if (!inSel[i]) return;
      const p = cultivated.parcels[i];
      const v = a * parcelNetFactor(p);
      const loc = locationCode(p);
      sums.add(loc, salinityOf(attrOf(saline.parcels[j], 'salinity')), v);
      sums.add(loc, 'total', v);
    });
  } else {
    const { positions } = parcelsInRegion(saline, opts.region);
    const ov = layerOverlaps(saline);
    failures = ov.failures.map((f) => ({ layer: 'cover' as const, ...f }));
    for (const i of positions) {
      const p = saline.parcels[i];
      if (hasNetFactor(p)) net = true;
      const v = ov.effectiveAreaM2[i] * parcelNetFactor(p);
      const loc = locationCode(p);
      sums.add(loc, salinityOf(attrOf(p, 'salinity')), v);
      sums.add(loc, 'total', v);
    }
  }
  const fig = (v: Record<Key, number>): SalineFigures => {
    const byDegree = Object.fromEntries(SALINITY_KEYS.map((k) => [k, v[k]])) as Record<SalinityKey, number>;
    const c = cultivated ? v.cultivated : null;
    return { totalM2: v.total, byDegree, cultivatedM2: c, share: c !== null && c > 0 ? v.total / c : null };
  };
  return {
    basis: net ? 'net' : 'gross',
    source: cultivated ? 'overlay' : 'layer',
    ...fig(sums.total),
    byRegion: sums.list().map((r) => ({ code: r.code, level: r.level, ...fig(r.values) })),
    failures,
  };
}
