/**
 * The 2024 opinion's quality tasks as indicators, for a selection (region code prefix) and per region:
 *   1. 永久基本农田 inside 高标准农田 (highStandardCoverage.ts) with ranked remainder candidates;
 *   3. 耕地 in the 黑土地 zone by grade / slope with 侵蚀 risk (blackSoil.ts); 盐碱耕地 by degree (saline.ts);
 *   4. 撂荒地 area and share of 耕地 (abandoned.ts);
 *   5. 经济奖惩 against the allocated targets (rewardPenalty.ts).
 * (2. 高标准农田 不减少 lives in the occupation impact and vintageChange.ts.) The first layer of each kind answers.
 */
import { firstOfKind } from '../../layers/firstOfKind';
import type { Layer } from '../../layers/layer';
import type { TargetEvaluation } from '../targets';
import { type AbandonedIndicator, abandonedIndicator } from './abandoned';
import { type BlackSoilIndicator, blackSoilIndicator } from './blackSoil';
import type { CandidateWeights } from './candidateScore';
import { type HighStandardCoverage, highStandardCoverage, warmCoveredArea } from './highStandardCoverage';
import { DEFAULT_REWARD_RATES, type RewardLine, type RewardRates, rewardPenalty } from './rewardPenalty';
import { type SalineIndicator, salineIndicator } from './saline';

export interface Indicators {
  region?: string;
  /** null when no 永久基本农田 layer is loaded. */
  highStandard: HighStandardCoverage | null;
  /** null without 耕地 or 黑土地 layers. */
  blackSoil: BlackSoilIndicator | null;
  /** null without a 盐碱地 layer. */
  saline: SalineIndicator | null;
  /** null without a 耕地 layer (or, with only a 撂荒地 layer, nothing to share it of). */
  abandoned: AbandonedIndicator | null;
  /** One line per target line of the selection and its child regions (empty without a targets table). */
  rewardPenalty: RewardLine[];
  rewardRates: RewardRates;
}

export interface IndicatorOptions {
  region?: string;
  /** Targets evaluated for the same selection (Summary.targets), for 经济奖惩. */
  targets?: TargetEvaluation;
  rates?: RewardRates;
  weights?: CandidateWeights;
}

/**
 * Warm the overlays computeIndicators needs (高标准农田 over 永久基本农田, 黑土地 and 撂荒地 over 耕地) in slices, with
 * `await pause()` between them; computeIndicators afterwards only sums. For the worker.
 */
export async function warmIndicators(layers: readonly Layer[], pause: () => Promise<void>): Promise<void> {
  const { pb, hs, gd, bs, ab } = indicatorLayers(layers);
  if (pb) await warmCoveredArea(pb, hs, pause);
  if (gd && bs) await warmCoveredArea(gd, bs, pause);
  if (gd) await warmCoveredArea(gd, ab, pause);
}

/** The layers the indicators read: the first of each kind (永久基本农田, 高标准农田, 耕地, 黑土地, 盐碱地, 撂荒地). */
export function indicatorLayers(layers: readonly Layer[]) {
  const first = firstOfKind(layers);
  return { pb: first['permanent-basic'], hs: first['high-standard'], gd: first.cultivated, bs: first['black-soil'], sa: first['saline-alkali'], ab: first.abandoned };
}

export function computeIndicators(layers: readonly Layer[], opts: IndicatorOptions = {}): Indicators {
  const { pb, hs, gd, bs, sa, ab } = indicatorLayers(layers);
  const r = opts.region ? { region: opts.region } : {};
  const rates = opts.rates ?? (DEFAULT_REWARD_RATES as RewardRates);
  const out: Indicators = {
    highStandard: pb ? highStandardCoverage(pb, hs, { ...r, ...(opts.weights ? { weights: opts.weights } : {}) }) : null,
    blackSoil: gd && bs ? blackSoilIndicator(gd, bs, r) : null,
    saline: sa ? salineIndicator(sa, gd, r) : null,
    abandoned: gd ? abandonedIndicator(gd, ab, r) : null,
    rewardPenalty: opts.targets ? rewardPenalty(opts.targets, rates) : [],
    rewardRates: rates,
  };
  if (opts.region) out.region = opts.region;
  return out;
}
