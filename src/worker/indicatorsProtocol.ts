/**
 * The indicators' part of the worker protocol (merged into protocol.ts's one map: `Requests extends … IndicatorRequests`).
 */
import type { Indicators } from '../core/analysis/indicators/indicators';
import type { AreaGeometry, Finding } from '../core/types';

export type { Indicators };

export interface RemainderFeature {
  type: 'Feature';
  id: number;
  properties: { id: string; rank: number; score: number; remainder_mu: number };
  geometry: AreaGeometry;
}
export interface RemainderCollection {
  type: 'FeatureCollection';
  features: RemainderFeature[];
}

/**
 * Set on an `indicators` answer cut short: the ranked candidates beyond the first `candidates` (of `of`) are left out
 * of `indicators.highStandard.candidates`, and `remainder` is empty — ask `remainder` for the map's parcels.
 */
export interface IndicatorsListed {
  candidates: number;
  of: number;
}

export interface IndicatorRequests {
  /**
   * The quality indicators for a region code prefix, and the remainder parcels for the map — all of them up to
   * the handler's `listMax` candidates (indicatorsHandler.ts); beyond that, the top `listMax` and `listed`.
   */
  indicators: { req: { region?: string }; res: { indicators: Indicators; remainder: RemainderCollection; listed?: IndicatorsListed } };
  /** Every remainder parcel of a region code prefix, for the map's highlight (what a cut-short `indicators` left out). */
  remainder: { req: { region?: string }; res: { remainder: RemainderCollection } };
  /** The reward / compensation rates from a config file (JSON, member "reward_penalty"). */
  setRewardRates: { req: { file: string; source: { url: string } | { bytes: ArrayBuffer } }; res: { findings: Finding[]; source: string } };
}

