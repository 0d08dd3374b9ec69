/**
 * The quality indicators' pre-aggregate (issue 20 in the province store), computed by the engine at load:
 *
 * - `fa_ind_sum`: each indicator's per-parcel figures (the same ones core/analysis/indicators/* add into their
 *   RegionSums) summed per region grain code (6 / 9 / 12 / 19 digits of the parcel's ZLDWDM, else XZQDM; null
 *   without a code) and key. A selection's figures and its by-region rows are sums of these rows: a lookup.
 * - `fa_ind_chunk`: the 永久基本农田 parcels with a remainder outside 高标准农田, with what their score needs that
 *   does not depend on the selection (remainder, grade, slope, distance to 高标准农田), and the pairs of them within
 *   the cluster gap (boundaries ≤ 30 m apart; the selection's clusters are the connected parts of these pairs among
 *   its candidates, as rankCandidates forms them) — grouped by the code cut to a village (12) and to the whole code
 *   (19), one JSON text per group, each pair in its first parcel's group: a region reads its groups only.
 * - `fa_ind_meta`: which layers were there, the overlays' failures, the reward rates of the load's config.
 */
import type { Layer } from '../core/layers/layer';
import { ABANDONED_MIN_M2, isWg } from '../core/analysis/indicators/abandoned';
import { EROSION_SLOPE_CLASSES } from '../core/analysis/indicators/blackSoil';
import { type CandidateInput, DEFAULT_CANDIDATE_WEIGHTS, distanceToCover } from '../core/analysis/indicators/candidateScore';
import { type CoverFailure, forEachCoverPiece } from '../core/analysis/indicators/coverPieces';
import { boundaryDistanceM, expandBBoxM } from '../core/analysis/indicators/distance';
import { coveredAreaCached, REMAINDER_MIN_M2, REMAINDER_MIN_SHARE } from '../core/analysis/indicators/highStandardCoverage';
import { indicatorLayers } from '../core/analysis/indicators/indicators';
import { hasNetFactor, parcelNetFactor } from '../core/analysis/indicators/netFactor';
import { salinityOf } from '../core/analysis/indicators/saline';
import type { RewardRates } from '../core/analysis/indicators/rewardPenalty';
import { searchIndex } from '../core/index/spatialIndex';
import { layerOverlaps } from '../core/overlay/overlaps';
import type { LayerKind, Parcel } from '../core/types';
import { copyRow } from './copyText';
import { attrOf, locationCode } from '../core/layers/attrTable';

/** Region grains of the indicator sums: county, township, village, and the whole 19-digit 坐落单位 code. */
export const IND_GRAINS = [6, 9, 12, 19] as const;

export type IndicatorName = 'high_standard' | 'black_soil' | 'saline' | 'abandoned';

/** What the query side needs to know of a county's load beside the sums. */
export interface IndicatorMeta {
  /** The layer kinds loaded (which indicators exist, and their source). */
  kinds: LayerKind[];
  /** Whether the layer whose parcels make each indicator's selection carries region codes. */
  coded: Partial<Record<IndicatorName, boolean>>;
  failures: Partial<Record<IndicatorName, CoverFailure[]>>;
  rates?: RewardRates;
}

export interface IndicatorLoad {
  sums: string[];
  chunks: string[];
  meta: IndicatorMeta;
}

const cut = (code: string, grain: number) => (code.length > grain ? code.slice(0, grain) : code);

/** The indicators' rows of one county, as COPY lines (county first). */
export function indicatorLoad(county: string, layers: readonly Layer[], rates?: RewardRates): IndicatorLoad {
  const { pb, hs, gd, bs, sa, ab } = indicatorLayers(layers);
  const sums = new Map<string, number>();
  const add = (ind: IndicatorName, p: Parcel, key: string, v: number) => {
    if (v === 0) return;
    const code = locationCode(p);
    for (const grain of IND_GRAINS) {
      const id = `${ind}\u0000${grain}\u0000${code === undefined ? '\u0001' : cut(code, grain)}\u0000${key}`;
      sums.set(id, (sums.get(id) ?? 0) + v);
    }
  };
  const meta: IndicatorMeta = { kinds: layers.map((l) => l.kind), coded: {}, failures: {}, ...(rates ? { rates } : {}) };
  const coded = (l: Layer) => l.parcels.some((p) => locationCode(p) !== undefined);
  const candidates: { i: number; code: string | undefined; row: unknown[] }[] = [];
  const edges: [number, number][] = [];
  if (pb) {
    // highStandardCoverage.ts, parcel by parcel
    const cov = coveredAreaCached(pb, hs);
    const isRem = new Uint8Array(pb.parcels.length);
    pb.parcels.forEach((p, i) => {
      const f = parcelNetFactor(p);
      const a = cov.effectiveM2[i] * f;
      const b = cov.insideM2[i] * f;
      const r = cov.effectiveM2[i] - cov.insideM2[i];
      const rem = r > 0 && (r >= REMAINDER_MIN_M2 || r >= REMAINDER_MIN_SHARE * cov.effectiveM2[i]) ? r : 0;
      add('high_standard', p, 'pb', a);
      add('high_standard', p, 'in', b);
      add('high_standard', p, 'rem', a - b);
      add('high_standard', p, 'n', 1);
      add('high_standard', p, 'net', hasNetFactor(p) ? 1 : 0);
      if (rem <= 0) return;
      isRem[i] = 1;
      add('high_standard', p, 'nrem', 1);
      const c: CandidateInput = { index: i, id: p.id, remainderM2: rem * f, distanceM: cov.insideM2[i] > 0 ? 0 : distanceToCover(pb, hs, i, DEFAULT_CANDIDATE_WEIGHTS.distanceRefM), bbox: p.bbox };
      candidates.push({ i, code: locationCode(p), row: [i, p.id, locationCode(p) ?? null, c.remainderM2, attrOf(p, 'gddj') ?? null, attrOf(p, 'gdpdjb') ?? null, c.distanceM, ...p.bbox] });
    });
    // every pair of remainder parcels within the cluster gap (rankCandidates links them when both are selected)
    const gap = DEFAULT_CANDIDATE_WEIGHTS.clusterGapM;
    pb.parcels.forEach((p, i) => {
      if (!isRem[i]) return;
      for (const j of searchIndex(pb.index, pb.parcels.length, expandBBoxM(p.bbox, gap))) {
        if (j <= i || !isRem[j]) continue;
        const q = pb.parcels[j];
        if (boundaryDistanceM(p.geometry, q.geometry, p.bbox, q.bbox) <= gap) edges.push([i, j]);
      }
    });
    meta.coded.high_standard = coded(pb);
    meta.failures.high_standard = cov.failures;
  }
  if (gd && bs) {
    // blackSoil.ts
    const cov = coveredAreaCached(gd, bs);
    gd.parcels.forEach((p, i) => {
      const f = parcelNetFactor(p);
      add('black_soil', p, 'net', hasNetFactor(p) ? 1 : 0);
      add('black_soil', p, 'cultivated', cov.effectiveM2[i] * f);
      const a = cov.insideM2[i] * f;
      if (a <= 0) return;
      add('black_soil', p, 'inside', a);
      const g = attrOf(p, 'gddj');
      add('black_soil', p, g !== undefined && Number.isInteger(g) && g >= 1 && g <= 10 ? `g${g}` : 'gUnknown', a);
      const s = attrOf(p, 'gdpdjb');
      add('black_soil', p, s !== undefined && Number.isInteger(s) && s >= 1 && s <= 5 ? `s${s}` : 'sUnknown', a);
      if (s !== undefined && EROSION_SLOPE_CLASSES.includes(s)) add('black_soil', p, 'erosion', a);
    });
    meta.coded.black_soil = coded(gd);
    meta.failures.black_soil = cov.failures;
  }
  if (sa) {
    // saline.ts: 耕地 ∩ 盐碱地 by degree, or the 盐碱地 parcels themselves without 耕地
    if (gd) {
      const eff = layerOverlaps(gd).effectiveAreaM2;
      gd.parcels.forEach((p, i) => {
        add('saline', p, 'net', hasNetFactor(p) ? 1 : 0);
        add('saline', p, 'cultivated', eff[i] * parcelNetFactor(p));
      });
      meta.failures.saline = forEachCoverPiece(gd, sa, (i, j, a) => {
        const p = gd.parcels[i];
        const v = a * parcelNetFactor(p);
        add('saline', p, salinityOf(attrOf(sa.parcels[j], 'salinity')), v);
        add('saline', p, 'total', v);
      });
      meta.coded.saline = coded(gd);
    } else {
      const ov = layerOverlaps(sa);
      meta.failures.saline = ov.failures.map((f) => ({ layer: 'cover' as const, ...f }));
      sa.parcels.forEach((p, i) => {
        add('saline', p, 'net', hasNetFactor(p) ? 1 : 0);
        const v = ov.effectiveAreaM2[i] * parcelNetFactor(p);
        add('saline', p, salinityOf(attrOf(p, 'salinity')), v);
        add('saline', p, 'total', v);
      });
      meta.coded.saline = coded(sa);
    }
  }
  if (gd) {
    // abandoned.ts
    const cov = coveredAreaCached(gd, ab);
    gd.parcels.forEach((p, i) => {
      const f = parcelNetFactor(p);
      const whole = cov.effectiveM2[i] * f;
      const a = ab ? (cov.insideM2[i] > ABANDONED_MIN_M2 ? cov.insideM2[i] * f : 0) : isWg(attrOf(p, 'zzsxdm')) ? whole : 0;
      add('abandoned', p, 'net', hasNetFactor(p) ? 1 : 0);
      add('abandoned', p, 'c', whole);
      if (a > 0) {
        add('abandoned', p, 'a', a);
        add('abandoned', p, 'n', 1);
      }
    });
    meta.coded.abandoned = coded(gd);
    meta.failures.abandoned = ab ? cov.failures : [];
  }
  const rows: string[] = [];
  for (const [id, v] of sums) {
    const [ind, grain, g, key] = id.split('\u0000');
    rows.push(copyRow([county, ind, Number(grain), g === '\u0001' ? null : g, key, v]));
  }
  return { sums: rows, chunks: candidateChunks(county, candidates, edges), meta };
}

/** Candidates and their cluster pairs grouped per CANDIDATE_GRAINS code (a pair in its first parcel's group), as COPY lines. */
function candidateChunks(county: string, candidates: readonly { i: number; code: string | undefined; row: unknown[] }[], edges: readonly [number, number][]): string[] {
  const out: string[] = [];
  const codeAt = new Map(candidates.map((c) => [c.i, c.code]));
  for (const grain of CANDIDATE_GRAINS) {
    const groups = new Map<string | null, { rows: unknown[][]; edges: [number, number][] }>();
    const group = (code: string | undefined) => {
      const g = code === undefined ? null : cut(code, grain);
      const x = groups.get(g) ?? { rows: [], edges: [] };
      groups.set(g, x);
      return x;
    };
    for (const c of candidates) group(c.code).rows.push(c.row);
    for (const e of edges) group(codeAt.get(e[0])).edges.push(e);
    for (const [g, x] of groups) out.push(copyRow([county, grain, g, JSON.stringify(x.rows), JSON.stringify(x.edges)]));
  }
  return out;
}

/** The grains candidates are grouped at: a selection up to a village reads village groups, a finer one whole codes. */
export const CANDIDATE_GRAINS = [12, 19] as const;

/** The statements of `farmland db init` for the indicators (appended to schema.ts's list). */
export const INDICATOR_SCHEMA_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS fa_ind_sum (
    county text NOT NULL, ind text NOT NULL, grain smallint NOT NULL, g text, key text NOT NULL, value double precision NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS fa_ind_sum_key ON fa_ind_sum (ind, grain, g)',
  // one row per (grain, code group): candidates [pos, id, code, remainder_m2, gddj, gdpdjb, distance_m, w, s, e, n] and pairs [pos, pos]
  `CREATE TABLE IF NOT EXISTS fa_ind_chunk (county text NOT NULL, grain smallint NOT NULL, g text, candidates text NOT NULL, edges text NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS fa_ind_chunk_key ON fa_ind_chunk (grain, g)',
  'CREATE TABLE IF NOT EXISTS fa_ind_meta (county text PRIMARY KEY, body jsonb NOT NULL)',
];

export const INDICATOR_TABLES = ['fa_ind_meta', 'fa_ind_chunk', 'fa_ind_sum'];

/** COPY statements for the load's rows, in the order of IndicatorLoad's lists. */
export const INDICATOR_COPY = {
  sums: 'COPY fa_ind_sum (county, ind, grain, g, key, value) FROM STDIN',
  chunks: 'COPY fa_ind_chunk (county, grain, g, candidates, edges) FROM STDIN',
} as const;
