/**
 * The indicators' requests of the worker: a thin shell over core/analysis/indicators. The reward / compensation
 * rates come from the project's config file (its "reward_penalty" member); the remainder of 永久基本农田 outside
 * 高标准农田 travels as a GeoJSON of the candidate parcels (plain geometry), for the map's highlight.
 *
 * The answer stays small: a county's remainder can be every 永久基本农田 parcel (no 高标准农田 layer loaded: 100,314 at
 * the 500k county — 71 MB to structured-clone, and with the page handing it on to MapLibre ~10 s of CPU and up to
 * 0.75 GB of transient renderer memory after every load, for a table that shows 20 rows and a highlight that is off
 * by default; README, Performance). Beyond `listMax` candidates the answer lists the top `listMax`, no geometry,
 * and says so (`listed`); `remainder` gives all of the geometry when the highlight is turned on.
 */
import { computeIndicators, warmIndicators } from '../core/analysis/indicators/indicators';
import { defaultRewardRates, parseRewardRates, type RewardRates } from '../core/analysis/indicators/rewardPenalty';
import type { TargetEvaluation } from '../core/analysis/targets';
import { plainGeometry } from '../core/io/flatGeometry';
import type { Layer } from '../core/layers/layer';
import type { Indicators, IndicatorRequests, RemainderCollection, RemainderFeature } from './indicatorsProtocol';

/** Candidates an `indicators` answer lists in full, with their geometry (the panel shows 20). */
export const INDICATORS_LIST_MAX = 2_000;

/** The candidates' parcels as plain GeoJSON, in rank order (id = the candidate's index in 永久基本农田). */
function remainderOf(indicators: Indicators, layers: Layer[]): RemainderCollection {
  const pb = layers.find((l) => l.kind === 'permanent-basic');
  const features: RemainderFeature[] = [];
  for (const c of indicators.highStandard?.candidates ?? []) {
    const p = pb?.parcels[c.index];
    if (!p) continue;
    features.push({ type: 'Feature', id: c.index, properties: { id: c.id, rank: c.rank, score: c.score, remainder_mu: c.remainderMu }, geometry: plainGeometry(p.geometry) });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * @param opts.listMax - candidates listed in full in an `indicators` answer (default INDICATORS_LIST_MAX)
 */
export function createIndicatorHandlers(
  getLayers: () => Layer[],
  getTargets: (region: string | undefined) => TargetEvaluation | undefined,
  fetchBytes: (url: string) => Promise<ArrayBuffer>,
  opts: { listMax?: number } = {},
) {
  const listMax = opts.listMax ?? INDICATORS_LIST_MAX;
  let rates: RewardRates = defaultRewardRates();
  const compute = async (region: string | undefined): Promise<{ indicators: Indicators; layers: Layer[] }> => {
    const layers = getLayers();
    // the first overlays of a county take seconds: computed in slices, the worker answers hover, inspect and
    // summaries in between (the slices land in core's cache; computeIndicators then only sums)
    await warmIndicators(layers, () => new Promise((resolve) => setTimeout(resolve, 0)));
    const targets = getTargets(region);
    return { indicators: computeIndicators(layers, { region, rates, ...(targets ? { targets } : {}) }), layers };
  };
  /**
   * The last answer's indicators, for `remainder` to reuse while the region and the layers are the same (the
   * candidates depend on nothing else; layers are compared by identity, as core's overlay caches key them): ranking
   * 100k candidates again cost ~1.3 s of the worker per tick of the highlight at the 500k county.
   */
  let last: { region: string | undefined; layers: Layer[]; indicators: Indicators } | undefined;
  const sameLayers = (a: Layer[], b: Layer[]) => a.length === b.length && a.every((l, k) => l === b[k]);
  return {
    rewardRates: () => rates,
    async indicators(req: IndicatorRequests['indicators']['req']): Promise<IndicatorRequests['indicators']['res']> {
      const { indicators, layers } = await compute(req.region || undefined);
      last = { region: req.region || undefined, layers: [...layers], indicators };
      const hs = indicators.highStandard;
      if (!hs || hs.candidates.length <= listMax) return { indicators, remainder: remainderOf(indicators, layers) };
      const listed = { candidates: listMax, of: hs.candidates.length };
      return { indicators: { ...indicators, highStandard: { ...hs, candidates: hs.candidates.slice(0, listMax) } }, remainder: { type: 'FeatureCollection', features: [] }, listed };
    },
    async remainder(req: IndicatorRequests['remainder']['req']): Promise<IndicatorRequests['remainder']['res']> {
      const region = req.region || undefined;
      const now = getLayers();
      if (last && last.region === region && sameLayers(last.layers, now)) return { remainder: remainderOf(last.indicators, now) };
      const { indicators, layers } = await compute(region);
      return { remainder: remainderOf(indicators, layers) };
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
