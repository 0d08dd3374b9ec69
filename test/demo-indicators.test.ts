/**
 * The demo county supports every quality indicator with the answers data/README.md lists (issue #20): 高标准农田
 * covering well under all of the 永久基本农田 with a clear remainder (振兴乡 and 民主乡 almost none), 盐碱 parcels of
 * three degrees, 撂荒 parcels in every township, a 黑土地 extent, and a reward / compensation rate table in config.json.
 * The checks are ranges and structure, so a change of the demo's KCXS (the area basis) does not break them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../src/core/analysis/indicators/indicators';
import { parseRewardRates } from '../src/core/analysis/indicators/rewardPenalty';
import { summarize } from '../src/core/analysis/summary';
import { parseTargets } from '../src/core/analysis/targets';
import { loadLayerFromGeoJson } from '../src/core/engine/loadLayer';
import type { LayerKind } from '../src/core/types';

const DIR = join(__dirname, '..', 'data', 'demo');
const KINDS: LayerKind[] = ['cultivated', 'permanent-basic', 'high-standard', 'black-soil', 'saline-alkali', 'abandoned'];

describe('demo data: the quality indicators have something to show', () => {
  const layers = KINDS.map((k) => loadLayerFromGeoJson(k, `${k}.geojson`, readFileSync(join(DIR, `${k}.geojson`))).layer);
  const config = JSON.parse(readFileSync(join(DIR, 'config.json'), 'utf8'));
  const rates = parseRewardRates(config, 'config.json');
  const targets = parseTargets(readFileSync(join(DIR, 'targets.json')), 'targets.json').table;
  const ind = computeIndicators(layers, { region: '231299', targets: summarize(layers, { region: '231299', targets }).targets, rates: rates.rates });

  it('高标准农田 covers well under all 永久基本农田, two townships almost none', () => {
    const hs = ind.highStandard!;
    expect(hs.failures).toEqual([]);
    expect(hs.share!).toBeGreaterThan(0.6);
    expect(hs.share!).toBeLessThan(0.85);
    expect(hs.remainderParcels).toBeGreaterThan(1000);
    const towns = hs.byRegion.filter((r) => r.level === 'township');
    expect(towns).toHaveLength(11);
    expect(towns.filter((r) => r.share! < 0.05).map((r) => r.code)).toEqual(['231299201', '231299204']);
    expect(hs.candidates[0].score).toBeGreaterThan(hs.candidates[hs.candidates.length - 1].score);
  }, 120_000);

  it('黑土地, 盐碱 degrees, 撂荒 per township, and the rate table', () => {
    expect(ind.blackSoil!.share!).toBeGreaterThan(0.8);
    expect(ind.blackSoil!.erosionRiskM2).toBeGreaterThan(0);
    for (const d of ['轻度', '中度', '重度'] as const) expect(ind.saline!.byDegree[d]).toBeGreaterThan(0);
    expect(ind.saline!.byDegree.轻度).toBeGreaterThan(ind.saline!.byDegree.重度);
    const towns = ind.abandoned!.byRegion.filter((r) => r.level === 'township');
    expect(towns).toHaveLength(11);
    for (const t of towns) expect(t.parcels).toBeGreaterThanOrEqual(5);
    expect(rates.findings).toEqual([]);
    expect(rates.rates.source).toBe('config.json');
    expect(ind.rewardPenalty.some((l) => (l.netYuan ?? 0) < 0)).toBe(true);
    expect(ind.rewardPenalty.some((l) => (l.netYuan ?? 0) > 0)).toBe(true);
  });
});
