/**
 * The quality indicators computed by the database (issue 20 in the province store): the sums of fa_ind_sum for the
 * selection and its regions, and the stored candidates ranked with the engine's own scoring (scoreCandidates),
 * assembled into exactly what computeIndicators() returns for the same layers and region — so `farmland db
 * summary --json` carries the same `indicators` as `farmland summary --json`. The rows are written at load by
 * indicatorsLoad.ts. A kind loaded for several counties is one layer (counties in load order), as in summaryDb.ts.
 */
import type { AbandonedIndicator } from '../core/analysis/indicators/abandoned';
import type { BlackSoilFigures, BlackSoilIndicator } from '../core/analysis/indicators/blackSoil';
import { type CandidateInput, DEFAULT_CANDIDATE_WEIGHTS, scoreCandidates } from '../core/analysis/indicators/candidateScore';
import type { CoverFailure } from '../core/analysis/indicators/coverPieces';
import type { CoverageFigures, HighStandardCoverage } from '../core/analysis/indicators/highStandardCoverage';
import type { Indicators } from '../core/analysis/indicators/indicators';
import { INDICATOR_LEVELS, type RegionLevelName } from '../core/analysis/indicators/regionSums';
import { DEFAULT_REWARD_RATES, type RewardRates, rewardPenalty } from '../core/analysis/indicators/rewardPenalty';
import { SALINITY_KEYS, type SalineFigures, type SalineIndicator, type SalinityKey } from '../core/analysis/indicators/saline';
import type { TargetEvaluation } from '../core/analysis/targets';
import { REGION_PREFIX } from '../core/layers/fields';
import type { RemainderFeature } from '../worker/indicatorsProtocol';
import type { Pool } from './db';
import { fromWkb } from './wkb';
import { CANDIDATE_GRAINS, IND_GRAINS, type IndicatorMeta, type IndicatorName } from './indicatorsLoad';

type Sums = Record<string, number>;
interface RegionSumRow {
  code: string;
  level: RegionLevelName;
  v: Sums;
}

const share = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const LEVEL_OF = new Map<number, RegionLevelName>(INDICATOR_LEVELS.map((l) => [REGION_PREFIX[l], l]));

/** The finest grain whose rows answer a region prefix (the whole code beyond a village). */
const grainOf = (region: string | undefined): number => IND_GRAINS.find((g) => (region?.length ?? 0) <= g) ?? 19;

/** Selection sums and by-region rows of each indicator, from fa_ind_sum. */
async function regionSums(pool: Pool, region: string | undefined, uncoded: readonly IndicatorName[]) {
  const r = await pool.query<{ ind: IndicatorName; grain: number; g: string | null; key: string; v: number }>(
    `SELECT ind, grain, g, key, sum(value) AS v FROM fa_ind_sum
     WHERE (grain = $1 OR (grain IN (6, 9, 12) AND length(g) = grain)) AND ($2::text IS NULL OR left(g, length($2)) = $2)
     GROUP BY ind, grain, g, key`,
    [grainOf(region), region ?? null],
  );
  const total = new Map<IndicatorName, Sums>();
  const rows = new Map<IndicatorName, Map<string, RegionSumRow>>();
  const addTo = (s: Sums, key: string, v: number) => (s[key] = (s[key] ?? 0) + v);
  for (const x of r.rows) {
    const v = Number(x.v);
    if (x.grain === grainOf(region)) {
      if (!total.has(x.ind)) total.set(x.ind, {});
      addTo(total.get(x.ind)!, x.key, v);
    }
    const level = x.g !== null && x.g.length === x.grain ? LEVEL_OF.get(x.grain) : undefined;
    if (!level) continue;
    if (!rows.has(x.ind)) rows.set(x.ind, new Map());
    const m = rows.get(x.ind)!;
    if (!m.has(x.g!)) m.set(x.g!, { code: x.g!, level, v: {} });
    addTo(m.get(x.g!)!.v, x.key, v);
  }
  // a region above the selection (the county of a township …) holds exactly the selection's parcels
  if (region !== undefined)
    for (const [ind, t] of total)
      for (const level of INDICATOR_LEVELS) {
        const n = REGION_PREFIX[level];
        if (n >= region.length || !Object.values(t).some((v) => v !== 0)) continue;
        if (!rows.has(ind)) rows.set(ind, new Map());
        rows.get(ind)!.set(region.slice(0, n), { code: region.slice(0, n), level, v: t });
      }
  // a layer without region codes: every parcel is in the selection whatever the region (parcelsInRegion)
  if (region !== undefined && uncoded.length) {
    const u = await pool.query<{ ind: IndicatorName; key: string; v: number }>('SELECT ind, key, sum(value) AS v FROM fa_ind_sum WHERE ind = ANY($1) AND grain = 6 GROUP BY ind, key', [uncoded]);
    for (const ind of uncoded) total.set(ind, {});
    for (const x of u.rows) addTo(total.get(x.ind)!, x.key, Number(x.v));
  }
  // a region's row exists where a parcel added a figure (RegionSums skips zeros; 'net' only counts parcels with a factor)
  const list = (ind: IndicatorName) => [...(rows.get(ind)?.values() ?? [])].filter((x) => Object.entries(x.v).some(([k, v]) => k !== 'net' && v !== 0)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { total: (ind: IndicatorName): Sums => total.get(ind) ?? {}, list };
}

/** Where each county's 永久基本农田 parcels start in the province's one layer of that kind (counties in load order). */
async function pbOffsets(pool: Pool): Promise<Map<string, number>> {
  const offsets = new Map<string, number>();
  const layers = await pool.query<{ county: string; features: number }>(
    "SELECT l.county, l.features FROM fa_layer l JOIN fa_county c ON c.county = l.county WHERE l.kind = 'permanent-basic' ORDER BY c.ord",
  );
  let at = 0;
  for (const l of layers.rows) {
    offsets.set(l.county, at);
    at += l.features;
  }
  return offsets;
}

/** A stored candidate: [pos, id, code, remainder_m2, gddj, gdpdjb, distance_m, west, south, east, north] (indicatorsLoad.ts). */
type StoredCandidate = [number, string, string | null, number, number | null, number | null, number | null, number, number, number, number];

/** The candidates of the selection, ranked as rankCandidates ranks them (clusters formed within the selection). */
async function candidatesFromDb(pool: Pool, region: string | undefined, applied: boolean) {
  const offsets = await pbOffsets(pool);
  // the selection's groups: villages (or whole codes for a finer prefix) whose code starts with the region
  const r = await pool.query<{ county: string; candidates: string; edges: string }>(
    'SELECT county, candidates, edges FROM fa_ind_chunk WHERE grain = $1 AND ($2::text IS NULL OR left(g, length($2)) = $2)',
    [applied && region!.length > CANDIDATE_GRAINS[0] ? CANDIDATE_GRAINS[1] : CANDIDATE_GRAINS[0], applied ? region : null],
  );
  const inputs: CandidateInput[] = [];
  const pairs: [number, number][] = [];
  for (const row of r.rows) {
    const at = offsets.get(row.county)!;
    for (const [pos, id, code, remainderM2, gddj, gdpdjb, distanceM, w, s, e, n] of JSON.parse(row.candidates) as StoredCandidate[]) {
      const c: CandidateInput = { index: at + pos, id, remainderM2, distanceM, bbox: [w, s, e, n] };
      if (code !== null) c.regionCode = code;
      if (gddj !== null) c.gddj = gddj;
      if (gdpdjb !== null) c.gdpdjb = gdpdjb;
      inputs.push(c);
    }
    for (const [a, b] of JSON.parse(row.edges) as [number, number][]) pairs.push([at + a, at + b]);
  }
  inputs.sort((a, b) => a.index - b.index);
  // union-find over the stored pairs whose both ends are selected: each cluster's root is its smallest index
  const parent = new Map<number, number>(inputs.map((c) => [c.index, c.index]));
  const find = (i: number): number => {
    let p = parent.get(i)!;
    while (p !== i) {
      const gp = parent.get(p)!;
      parent.set(i, gp);
      i = p;
      p = gp;
    }
    return i;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a) || !parent.has(b)) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  return scoreCandidates(inputs, find, DEFAULT_CANDIDATE_WEIGHTS);
}

const coverage = (v: Sums): CoverageFigures => {
  const pb = v.pb ?? 0;
  const inside = v.in ?? 0;
  return { permanentBasicM2: pb, inHighStandardM2: inside, remainderM2: pb - inside, share: share(inside, pb), parcels: v.n ?? 0, remainderParcels: v.nrem ?? 0 };
};
const coverageRow = (v: Sums): CoverageFigures => ({ ...coverage(v), remainderM2: v.rem ?? 0 });

function blackSoil(v: Sums): BlackSoilFigures {
  const byGrade: Record<string, number> = {};
  for (let g = 1; g <= 10; g++) byGrade[String(g)] = v[`g${g}`] ?? 0;
  byGrade.unknown = v.gUnknown ?? 0;
  const bySlope: Record<string, number> = {};
  for (let s = 1; s <= 5; s++) bySlope[String(s)] = v[`s${s}`] ?? 0;
  bySlope.unknown = v.sUnknown ?? 0;
  const inside = v.inside ?? 0;
  const erosion = v.erosion ?? 0;
  return { cultivatedM2: v.cultivated ?? 0, insideM2: inside, share: share(inside, v.cultivated ?? 0), erosionRiskM2: erosion, erosionRiskShare: share(erosion, inside), byGrade, bySlope };
}

function saline(v: Sums, overlay: boolean): SalineFigures {
  const byDegree = Object.fromEntries(SALINITY_KEYS.map((k) => [k, v[k] ?? 0])) as Record<SalinityKey, number>;
  const c = overlay ? (v.cultivated ?? 0) : null;
  const total = v.total ?? 0;
  return { totalM2: total, byDegree, cultivatedM2: c, share: c !== null && c > 0 ? total / c : null };
}

const abandoned = (v: Sums) => ({ cultivatedM2: v.c ?? 0, abandonedM2: v.a ?? 0, share: share(v.a ?? 0, v.c ?? 0), parcels: v.n ?? 0 });

/**
 * The indicators of the database's layers for a region code prefix (everything when undefined), as
 * computeIndicators() gives them; `targets` (the summary's evaluation of the same selection) gives 经济奖惩.
 */
export async function indicatorsFromDb(pool: Pool, opts: { region?: string; targets?: TargetEvaluation } = {}): Promise<Indicators> {
  const region = opts.region === '' ? undefined : opts.region;
  const metas = (await pool.query<{ body: IndicatorMeta }>('SELECT m.body FROM fa_ind_meta m JOIN fa_county c ON c.county = m.county ORDER BY c.ord')).rows.map((r) => r.body);
  const has = (k: string) => metas.some((m) => m.kinds.includes(k as IndicatorMeta['kinds'][number]));
  const coded = (ind: IndicatorName) => metas.some((m) => m.coded[ind] === true);
  const failures = (ind: IndicatorName): CoverFailure[] => metas.flatMap((m) => m.failures[ind] ?? []);
  const present: IndicatorName[] = [];
  if (has('permanent-basic')) present.push('high_standard');
  if (has('cultivated') && has('black-soil')) present.push('black_soil');
  if (has('saline-alkali')) present.push('saline');
  if (has('cultivated')) present.push('abandoned');
  const sums = await regionSums(pool, region, present.filter((ind) => !coded(ind)));
  const basis = (ind: IndicatorName) => ((sums.total(ind).net ?? 0) > 0 ? 'net' : 'gross') as 'net' | 'gross';
  const rates = (metas.find((m) => m.rates)?.rates ?? DEFAULT_REWARD_RATES) as RewardRates;
  let highStandard: HighStandardCoverage | null = null;
  if (present.includes('high_standard'))
    highStandard = {
      basis: basis('high_standard'),
      highStandardLoaded: has('high-standard'),
      ...coverage(sums.total('high_standard')),
      byRegion: sums.list('high_standard').map((r) => ({ code: r.code, level: r.level, ...coverageRow(r.v) })),
      candidates: await candidatesFromDb(pool, region, region !== undefined && coded('high_standard')),
      weights: DEFAULT_CANDIDATE_WEIGHTS,
      failures: failures('high_standard'),
    };
  const bs: BlackSoilIndicator | null = present.includes('black_soil')
    ? { basis: basis('black_soil'), ...blackSoil(sums.total('black_soil')), byRegion: sums.list('black_soil').map((r) => ({ code: r.code, level: r.level, ...blackSoil(r.v) })), failures: failures('black_soil') }
    : null;
  const overlay = has('cultivated');
  const sa: SalineIndicator | null = present.includes('saline')
    ? {
        basis: basis('saline'), source: overlay ? 'overlay' : 'layer', ...saline(sums.total('saline'), overlay),
        byRegion: sums.list('saline').map((r) => ({ code: r.code, level: r.level, ...saline(r.v, overlay) })), failures: failures('saline'),
      }
    : null;
  const ab: AbandonedIndicator | null = present.includes('abandoned')
    ? {
        basis: basis('abandoned'), source: has('abandoned') ? 'layer' : 'zzsxdm', ...abandoned(sums.total('abandoned')),
        byRegion: sums.list('abandoned').map((r) => ({ code: r.code, level: r.level, ...abandoned(r.v) })), failures: failures('abandoned'),
      }
    : null;
  const out: Indicators = { highStandard, blackSoil: bs, saline: sa, abandoned: ab, rewardPenalty: opts.targets ? rewardPenalty(opts.targets, rates) : [], rewardRates: rates };
  if (region) out.region = region;
  return out;
}

/**
 * The remainder parcels of a selection's candidates as the map's highlight (the worker's `indicators` answer:
 * plain geometry, id = the candidate's index, its rank, score and remainder).
 */
export async function remainderFromDb(pool: Pool, ind: Indicators): Promise<{ type: 'FeatureCollection'; features: RemainderFeature[] }> {
  const candidates = ind.highStandard?.candidates ?? [];
  const features: RemainderFeature[] = [];
  if (candidates.length === 0) return { type: 'FeatureCollection', features };
  // a candidate's index is its county's offset + its position there (counties in load order)
  // (the later of two counties at one offset: the earlier has no 永久基本农田)
  const offsets = [...(await pbOffsets(pool)).entries()].map(([county, at], k) => [county, at, k] as const).sort((x, y) => y[1] - x[1] || y[2] - x[2]);
  const byCounty = new Map<string, Map<number, (typeof candidates)[number]>>();
  for (const c of candidates) {
    const [county, at] = offsets.find(([, o]) => o <= c.index)!;
    if (!byCounty.has(county)) byCounty.set(county, new Map());
    byCounty.get(county)!.set(c.index - at, c);
  }
  for (const [county, m] of byCounty) {
    const r = await pool.query<{ pos: number; wkb: Buffer }>("SELECT pos, ST_AsBinary(geom) AS wkb FROM fa_parcel WHERE county = $1 AND kind = 'permanent-basic' AND pos = ANY($2)", [county, [...m.keys()]]);
    for (const x of r.rows) {
      const c = m.get(x.pos)!;
      features.push({ type: 'Feature', id: c.index, properties: { id: c.id, rank: c.rank, score: c.score, remainder_mu: c.remainderMu }, geometry: fromWkb(x.wkb) });
    }
  }
  features.sort((a, b) => a.properties.rank - b.properties.rank);
  return { type: 'FeatureCollection', features };
}
