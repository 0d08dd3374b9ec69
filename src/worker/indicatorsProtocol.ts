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

export interface IndicatorRequests {
  /** The quality indicators for a region code prefix, and the remainder parcels for the map. */
  indicators: { req: { region?: string }; res: { indicators: Indicators; remainder: RemainderCollection } };
  /** The reward / compensation rates from a config file (JSON, member "reward_penalty"). */
  setRewardRates: { req: { file: string; source: { url: string } | { bytes: ArrayBuffer } }; res: { findings: Finding[]; source: string } };
}

