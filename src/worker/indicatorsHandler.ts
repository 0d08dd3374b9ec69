/**
 * The indicators' requests of the worker: a thin shell over core/analysis/indicators. The reward / compensation
 * rates come from the project's config file (its "reward_penalty" member); the remainder of 永久基本农田 outside
 * 高标准农田 travels as a small GeoJSON of the candidate parcels (plain geometry), for the map's highlight.
 */
import { computeIndicators, warmIndicators } from '../core/analysis/indicators/indicators';
import { defaultRewardRates, parseRewardRates, type RewardRates } from '../core/analysis/indicators/rewardPenalty';
import type { TargetEvaluation } from '../core/analysis/targets';
import { plainGeometry } from '../core/io/flatGeometry';
import type { Layer } from '../core/layers/layer';
import type { IndicatorRequests, RemainderFeature } from './indicatorsProtocol';

export function createIndicatorHandlers(
  getLayers: () => Layer[],
  getTargets: (region: string | undefined) => TargetEvaluation | undefined,
  fetchBytes: (url: string) => Promise<ArrayBuffer>,
) {
  let rates: RewardRates = defaultRewardRates();
  return {
    rewardRates: () => rates,
    async indicators(req: IndicatorRequests['indicators']['req']): Promise<IndicatorRequests['indicators']['res']> {
      const region = req.region || undefined;
      const layers = getLayers();
      // the first overlays of a county take seconds: computed in slices, the worker answers hover, inspect and
      // summaries in between (the slices land in core's cache; computeIndicators then only sums)
      await warmIndicators(layers, () => new Promise((resolve) => setTimeout(resolve, 0)));
      const targets = getTargets(region);
      const indicators = computeIndicators(layers, { region, rates, ...(targets ? { targets } : {}) });
      const pb = layers.find((l) => l.kind === 'permanent-basic');
      const features: RemainderFeature[] = [];
      for (const c of indicators.highStandard?.candidates ?? []) {
        const p = pb?.parcels[c.index];
        if (!p) continue;
        features.push({ type: 'Feature', id: c.index, properties: { id: c.id, rank: c.rank, score: c.score, remainder_mu: c.remainderMu }, geometry: plainGeometry(p.geometry) });
      }
      return { indicators, remainder: { type: 'FeatureCollection', features } };
    },
    async setRewardRates(req: IndicatorRequests['setRewardRates']['req']): Promise<IndicatorRequests['setRewardRates']['res']> {
      let json: unknown;
      try {
        const bytes = 'url' in req.source ? new Uint8Array(await fetchBytes(req.source.url)) : new Uint8Array(req.source.bytes);
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { findings: [{ severity: 'error', code: 'config.json', message: `${req.file}: 无法读取为 JSON（${why}） / cannot read as JSON`, file: req.file }], source: rates.source };
      }
      const parsed = parseRewardRates(json, req.file);
      rates = parsed.rates;
      return { findings: parsed.findings, source: rates.source };
    },
  };
}
