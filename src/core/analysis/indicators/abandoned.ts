/**
 * 撂荒地 (abandoned farmland; no single official definition — docs/domain.md §4: ZZSXDM = WG 未耕种 is the nearest field):
 * its area and share of 耕地 per region. With a 撂荒地 layer: the exact overlay of 耕地 with its union
 * (coverPieces.ts). Without one: the 耕地 parcels whose ZZSXDM is WG. Areas through parcelNetFactor.
 * Two vintages (recovered / newly abandoned): vintageChange.ts abandonedChange on two 撂荒地 layers, and
 * cultivatedAbandonedChange on two 地类图斑 vintages (the change report's rule).
 */
import { buildIndex } from '../../index/spatialIndex';
import type { Layer } from '../../layers/layer';
import type { BBox } from '../../types';
import { parcelsInRegion } from '../summary';
import type { CoverFailure } from './coverPieces';
import { coveredAreaCached } from './highStandardCoverage';
import { type AreaBasis, hasNetFactor, parcelNetFactor } from './netFactor';
import { type RegionLevelName, RegionSums } from './regionSums';
import { attrOf, locationCode } from '../../layers/attrTable';

export interface AbandonedFigures {
  cultivatedM2: number;
  abandonedM2: number;
  share: number | null;
  /** 耕地 parcels with some abandoned land. */
  parcels: number;
}

export interface AbandonedRegion extends AbandonedFigures {
  code: string;
  level: RegionLevelName;
}

export interface AbandonedIndicator extends AbandonedFigures {
  basis: AreaBasis;
  source: 'layer' | 'zzsxdm';
  byRegion: AbandonedRegion[];
  failures: CoverFailure[];
}

/** Overlay pieces of 耕地 ∩ 撂荒地 below this (m²) are boundary contact and do not count. */
export const ABANDONED_MIN_M2 = 0.01;

/** Whether a parcel's planting attribute says 未耕种 (WG). */
export const isWg = (zzsxdm: string | undefined): boolean => zzsxdm !== undefined && zzsxdm.trim().toUpperCase() === 'WG';

/** The WG parcels of a 耕地 layer as a layer of their own (a 撂荒地 layer made from ZZSXDM). */
export function wgParcels(cultivated: Layer): Layer {
  const parcels = cultivated.parcels.filter((p) => isWg(attrOf(p, 'zzsxdm')));
  let bbox: BBox = [0, 0, 0, 0];
  if (parcels.length) {
    bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of parcels) bbox = [Math.min(bbox[0], p.bbox[0]), Math.min(bbox[1], p.bbox[1]), Math.max(bbox[2], p.bbox[2]), Math.max(bbox[3], p.bbox[3])];
  }
  return { ...cultivated, kind: 'abandoned', parcels, index: buildIndex(parcels.map((p) => p.bbox)), bbox, grossAreaM2: parcels.reduce((s, p) => s + p.areaM2, 0) };
}

export function abandonedIndicator(cultivated: Layer, abandoned: Layer | undefined, opts: { region?: string } = {}): AbandonedIndicator {
  const cov = coveredAreaCached(cultivated, abandoned);
  const { positions } = parcelsInRegion(cultivated, opts.region);
  const sums = new RegionSums(['c', 'a', 'n'] as const);
  let c = 0;
  let a = 0;
  let n = 0;
  let net = false;
  for (const i of positions) {
    const p = cultivated.parcels[i];
    if (hasNetFactor(p)) net = true;
    const f = parcelNetFactor(p);
    const whole = cov.effectiveM2[i] * f;
    // with a layer, pieces under 1 dm² are contact along shared edges, not abandoned land (as impact.ts FLAG_MIN_M2)
    const ab = abandoned ? (cov.insideM2[i] > ABANDONED_MIN_M2 ? cov.insideM2[i] * f : 0) : isWg(attrOf(p, 'zzsxdm')) ? whole : 0;
    c += whole;
    const loc = locationCode(p);
    sums.add(loc, 'c', whole);
    if (ab > 0) {
      a += ab;
      n++;
      sums.add(loc, 'a', ab);
      sums.add(loc, 'n', 1);
    }
  }
  const share = (x: number, y: number) => (y > 0 ? x / y : null);
  return {
    basis: net ? 'net' : 'gross',
    source: abandoned ? 'layer' : 'zzsxdm',
    cultivatedM2: c,
    abandonedM2: a,
    share: share(a, c),
    parcels: n,
    byRegion: sums.list().map((r) => ({ code: r.code, level: r.level, cultivatedM2: r.values.c, abandonedM2: r.values.a, share: share(r.values.a, r.values.c), parcels: r.values.n })),
    failures: abandoned ? cov.failures : [],
  };
}
