/**
 * The indicators' machine layout (snake_case, units in names) for `farmland summary --json` (member `indicators`)
 * and the app's JSON export: the headline figures for the selection, the same figures per region (`by_region`),
 * then each indicator's detail (candidates with the inputs of their score, breakdowns, reward lines).
 */
import type { Indicators } from '../analysis/indicators/indicators';
import type { Candidate } from '../analysis/indicators/candidateScore';

type Row = Record<string, unknown>;

const candidateJson = (c: Candidate) => ({
  rank: c.rank,
  id: c.id,
  index: c.index,
  region_code: c.regionCode ?? null,
  remainder_m2: c.remainderM2,
  remainder_mu: c.remainderMu,
  gddj: c.gddj ?? null,
  gdpdjb: c.gdpdjb ?? null,
  cluster: c.cluster,
  cluster_mu: c.clusterMu,
  distance_to_high_standard_m: c.distanceM,
  score_grade: c.scores.grade,
  score_slope: c.scores.slope,
  score_contiguity: c.scores.contiguity,
  score_distance: c.scores.distance,
  score: c.score,
  bbox: c.bbox,
});

export function indicatorsJson(ind: Indicators): Row {
  const head: Row = {};
  const regions = new Map<string, Row>();
  const reg = (code: string, level: string): Row => {
    let r = regions.get(code);
    if (!r) {
      r = { code, level };
      regions.set(code, r);
    }
    return r;
  };
  const hs = ind.highStandard;
  if (hs) {
    Object.assign(head, {
      permanent_basic_m2: hs.permanentBasicM2,
      permanent_basic_in_high_standard_m2: hs.inHighStandardM2,
      permanent_basic_in_high_standard_share: hs.share,
      permanent_basic_remainder_m2: hs.remainderM2,
      permanent_basic_remainder_parcels: hs.remainderParcels,
    });
    for (const r of hs.byRegion)
      Object.assign(reg(r.code, r.level), {
        permanent_basic_m2: r.permanentBasicM2,
        permanent_basic_in_high_standard_m2: r.inHighStandardM2,
        permanent_basic_in_high_standard_share: r.share,
        permanent_basic_remainder_m2: r.remainderM2,
        permanent_basic_remainder_parcels: r.remainderParcels,
      });
  }
  const bs = ind.blackSoil;
  if (bs) {
    Object.assign(head, { black_soil_cultivated_m2: bs.insideM2, black_soil_cultivated_share: bs.share, black_soil_erosion_risk_m2: bs.erosionRiskM2 });
    for (const r of bs.byRegion)
      Object.assign(reg(r.code, r.level), { black_soil_cultivated_m2: r.insideM2, black_soil_cultivated_share: r.share, black_soil_erosion_risk_m2: r.erosionRiskM2 });
  }
  const sa = ind.saline;
  if (sa) {
    Object.assign(head, { saline_cultivated_m2: sa.totalM2, saline_cultivated_share: sa.share, saline_by_degree_m2: sa.byDegree });
    for (const r of sa.byRegion) Object.assign(reg(r.code, r.level), { saline_cultivated_m2: r.totalM2, saline_cultivated_share: r.share, saline_by_degree_m2: r.byDegree });
  }
  const ab = ind.abandoned;
  if (ab) {
    Object.assign(head, { abandoned_m2: ab.abandonedM2, abandoned_share: ab.share, abandoned_parcels: ab.parcels });
    for (const r of ab.byRegion) Object.assign(reg(r.code, r.level), { abandoned_m2: r.abandonedM2, abandoned_share: r.share, abandoned_parcels: r.parcels });
  }
  return {
    ...(ind.region ? { region: ind.region } : {}),
    ...head,
    by_region: [...regions.values()].sort((a, b) => (String(a.code) < String(b.code) ? -1 : 1)),
    high_standard: hs && {
      area_basis: hs.basis,
      high_standard_loaded: hs.highStandardLoaded,
      parcels: hs.parcels,
      weights: {
        grade: hs.weights.grade, slope: hs.weights.slope, contiguity: hs.weights.contiguity, distance: hs.weights.distance,
        contiguity_ref_mu: hs.weights.contiguityRefMu, cluster_gap_m: hs.weights.clusterGapM, distance_ref_m: hs.weights.distanceRefM,
      },
      candidates: hs.candidates.map(candidateJson),
      failures: hs.failures.map((f) => ({ layer: f.layer, parcel_id: f.parcelId, message: f.message })),
    },
    black_soil: bs && { area_basis: bs.basis, cultivated_m2: bs.cultivatedM2, inside_m2: bs.insideM2, erosion_risk_m2: bs.erosionRiskM2, erosion_risk_share: bs.erosionRiskShare, by_grade_m2: bs.byGrade, by_slope_m2: bs.bySlope },
    saline: sa && { area_basis: sa.basis, source: sa.source, total_m2: sa.totalM2, by_degree_m2: sa.byDegree, cultivated_m2: sa.cultivatedM2 },
    abandoned: ab && { area_basis: ab.basis, source: ab.source, cultivated_m2: ab.cultivatedM2, abandoned_m2: ab.abandonedM2, share: ab.share, parcels: ab.parcels },
    reward_penalty: {
      rates: {
        source: ind.rewardRates.source,
        cultivated: { gap_yuan_per_mu: ind.rewardRates.cultivated.gapYuanPerMu, surplus_yuan_per_mu: ind.rewardRates.cultivated.surplusYuanPerMu },
        permanent_basic: { gap_yuan_per_mu: ind.rewardRates['permanent-basic'].gapYuanPerMu, surplus_yuan_per_mu: ind.rewardRates['permanent-basic'].surplusYuanPerMu },
      },
      lines: ind.rewardPenalty.map((l) => ({
        code: l.code, name: l.name, level: l.level, metric: l.metric, target_mu: l.targetMu, achieved_mu: l.achievedMu, gap_mu: l.gapMu, surplus_mu: l.surplusMu,
        gap_yuan_per_mu: l.gapRate, surplus_yuan_per_mu: l.surplusRate, compensation_yuan: l.compensationYuan, reward_yuan: l.rewardYuan, net_yuan: l.netYuan,
      })),
    },
  };
}
