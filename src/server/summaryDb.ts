/**
 * A summary computed by the database: the pre-aggregated rows (fa_agg, rollup.ts: per region grain code ×
 * dimension × key, written at load) are read for the region — a lookup, not a scan of parcels — and assembled into exactly
 * the shape the engine's summarize() returns. Areas in fa_agg are sums of the engine's snapped per-parcel areas
 * (multiples of 2⁻¹⁰ m²), so every total and breakdown equals the engine's bit for bit; declared sums (TBMJ …)
 * are plain float sums and may differ in the last bits with the order of addition.
 *
 * A layer kind loaded for several counties is one layer here (the counties' parcels together, in load order).
 */
import type { Bucket } from '../core/analysis/breakdown';
import type { DeclaredAreas, LayerSummary, Summary } from '../core/analysis/summary';
import { type AreaBasis, DEFAULT_AREA_BASIS } from '../core/area/netArea';
import type { LayerKind } from '../core/types';
import type { Pool } from './db';
import { DECLARED_FROM_ROW, grainFor, rollup, type AggRow, type Dim } from './rollup';
import { conflictsFromChunks } from './conflictChunks';
import { achievedFromSummaries, areaUnits, evaluateTargets, LAND_CLASSES, LAND_CLASS_INFO, m2ToMu, SLOPE_CLASSES, type TargetTable } from './engine';

const GRADES = Array.from({ length: 10 }, (_, i) => ({ key: String(i + 1), label: `${i + 1}等` }));
const SLOPES = SLOPE_CLASSES.map((s) => ({ key: String(s.code), label: `${s.code}级 ${s.zh}` }));
const LANDS = LAND_CLASSES.map((c) => ({ key: c, label: LAND_CLASS_INFO[c].zh }));

/** BucketAccumulator (analysis/breakdown.ts) adding a group of parcels at once. */
class Buckets {
  private readonly rows = new Map<string, { label: string; features: number; areaM2: number; netM2: number }>();
  private readonly fixed: readonly string[];
  constructor(fixed: ReadonlyArray<{ key: string; label: string }> = []) {
    this.fixed = fixed.map((f) => f.key);
    for (const f of fixed) this.rows.set(f.key, { label: f.label, features: 0, areaM2: 0, netM2: 0 });
  }
  add(key: string, label: string, features: number, m2: number, net: number): void {
    const row = this.rows.get(key);
    if (row) {
      row.features += features;
      row.areaM2 += m2;
      row.netM2 += net;
      if (row.label === '' && label !== '') row.label = label;
    } else this.rows.set(key, { label, features, areaM2: m2, netM2: net });
  }
  buckets(totalM2: number): Bucket[] {
    const fixedSet = new Set(this.fixed);
    const rank = (k: string) => (k === 'other' ? 1 : k === 'unknown' ? 2 : 0);
    const others = [...this.rows.keys()].filter((k) => !fixedSet.has(k)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return [...this.fixed, ...others].map((key) => {
      const r = this.rows.get(key)!;
      return { key, label: r.label, features: r.features, areaM2: r.areaM2, areaMu: m2ToMu(r.areaM2), netM2: r.netM2, netMu: m2ToMu(r.netM2), share: totalM2 > 0 ? r.areaM2 / totalM2 : 0 };
    });
  }
}

/** Region prefix predicate on a code column ($N is the region): parameterised, no LIKE patterns. */
const inRegion = (col: string, n: number) => `left(${col}, length($${n})) = $${n}`;

type TargetRow = { code: string; name: string; level: 'county' | 'township' | 'village'; cultivated_mu: number | null; permanent_basic_mu: number | null; row: number; file: string };

export async function targetsFromDb(pool: Pool): Promise<TargetTable | undefined> {
  const r = await pool.query<TargetRow>('SELECT code, name, level, cultivated_mu, permanent_basic_mu, row, file FROM fa_target ORDER BY file, row');
  return targetTable(r.rows);
}

/** fa_target's rows (ordered by file, row) as the engine's TargetTable; undefined when there are none. */
function targetTable(rows: readonly TargetRow[]): TargetTable | undefined {
  if (rows.length === 0) return undefined;
  return {
    file: rows[0].file,
    regions: rows.map((x) => ({
      code: x.code, name: x.name, level: x.level, row: x.row,
      ...(x.cultivated_mu !== null ? { cultivatedMu: x.cultivated_mu } : {}),
      ...(x.permanent_basic_mu !== null ? { permanentBasicMu: x.permanent_basic_mu } : {}),
    })),
  };
}

/** The layers in the database: one per kind, in the order of first load (county order, then file order). */
export async function dbLayers(pool: Pool): Promise<{ kind: LayerKind; name: string; file: string; features: number; counties: string[] }[]> {
  const r = await pool.query<{ kind: LayerKind; name: string; file: string; features: number; county: string }>(
    'SELECT l.kind, l.name, l.file, l.features, l.county FROM fa_layer l JOIN fa_county c ON c.county = l.county ORDER BY c.ord, l.ord',
  );
  return layersOf(r.rows);
}

/** fa_layer's rows in load order → one layer per kind, its counties' features together. */
function layersOf(rows: readonly { kind: LayerKind; name: string; file: string; features: number; county: string }[]): { kind: LayerKind; name: string; file: string; features: number; counties: string[] }[] {
  const out: { kind: LayerKind; name: string; file: string; features: number; counties: string[] }[] = [];
  for (const row of rows) {
    const have = out.find((x) => x.kind === row.kind);
    if (have) {
      have.features += row.features;
      have.counties.push(row.county);
    } else out.push({ kind: row.kind, name: row.name, file: row.file, features: row.features, counties: [row.county] });
  }
  return out;
}

interface DbAggRow {
  grain: number; g: string | null; dim: Dim; key: string; label: string; first_pos: number; features: number; eff_m2: number; eff_net_m2: number; gross_m2: number;
  tbmj_m2: number; tbmj_n: number; computed_tbmj_m2: number; tbdlmj_m2: number; tbdlmj_declared: number; tbdlmj_derived: number;
  yjjbnttbmj_m2: number; yjjbnttbmj_n: number;
}

/** The rollup rows of a layer for a region prefix finer than a village: rolled up now from that village's parcels. */
async function villageRollup(pool: Pool, kind: string, region: string): Promise<AggRow[]> {
  const r = await pool.query<{
    pos: number; code: string | null; area_m2: number; eff_m2: number; eff_net_m2: number; gross_m2: number; county_key: string; township_key: string; village_key: string;
    county_label: string; township_label: string; village_label: string; land_key: string; land_label: string; grade_key: string; slope_key: string;
    tbmj: number | null; tbdlmj: number | null; tbdlmj_declared: boolean; yjjbnttbmj: number | null;
  }>(
    `SELECT p.pos, p.code, p.area_m2, p.eff_m2, p.eff_net_m2, p.gross_m2, p.county_key, p.township_key, p.village_key, p.county_label, p.township_label, p.village_label,
            p.land_key, p.land_label, p.grade_key, p.slope_key, p.tbmj, p.tbdlmj, p.tbdlmj_declared, p.yjjbnttbmj
     FROM fa_parcel p JOIN fa_county c ON c.county = p.county
     WHERE p.county = left($2, 6) AND p.kind = $1 AND ${inRegion('p.code', 2)} ORDER BY c.ord, p.pos`,
    [kind, region],
  );
  return rollup(
    r.rows.map((x) => ({
      pos: x.pos,
      areaM2: x.area_m2,
      keys: {
        code: x.code ?? undefined, county: [x.county_key, x.county_label], township: [x.township_key, x.township_label], village: [x.village_key, x.village_label],
        land: [x.land_key, x.land_label], grade: x.grade_key, slope: x.slope_key, effM2: x.eff_m2, effNetM2: x.eff_net_m2, grossM2: x.gross_m2,
        tbmj: x.tbmj ?? undefined, tbdlmj: x.tbdlmj ?? undefined, tbdlmjDeclared: x.tbdlmj_declared, yjjbnttbmj: x.yjjbnttbmj ?? undefined,
      },
    })),
    [12],
  );
}

/** The fa_agg rows of some layer kinds for a region (all of them when undefined) at a grain, in load order, with their kind. */
async function aggRows(pool: Pool, kinds: readonly string[], region: string | undefined, grain: number): Promise<(AggRow & { kind: string })[]> {
  const params: unknown[] = [kinds, grain];
  let where = 'a.kind = ANY($1) AND a.grain = $2';
  if (region !== undefined) {
    params.push(region);
    where += ` AND ${inRegion('a.g', 3)}`;
    if (region.length >= 6) where += ' AND a.county = left($3, 6)';
  }
  const r = await pool.query<DbAggRow & { kind: string }>(
    `SELECT a.kind, a.grain, a.g, a.dim, a.key, a.label, a.first_pos, a.features, a.eff_m2, a.eff_net_m2, a.gross_m2, a.tbmj_m2, a.tbmj_n, a.computed_tbmj_m2,
            a.tbdlmj_m2, a.tbdlmj_declared, a.tbdlmj_derived, a.yjjbnttbmj_m2, a.yjjbnttbmj_n
     FROM fa_agg a JOIN fa_county c ON c.county = a.county WHERE ${where} ORDER BY c.ord, a.first_pos`,
    params,
  );
  return r.rows.map(aggRowOf);
}

/**
 * The rollup rows of every kind for a region at its grain (every row at the county grain without one), plus —
 * where a region is given — the county-grain rows without a region code (summaryFromDb keeps them only for kinds
 * without codes), in load order. One statement; the kinds come from fa_layer inside it (an array, so the
 * (kind, grain, g) index is used).
 */
async function aggRowsAll(pool: Pool, region: string | undefined, grain: number): Promise<(AggRow & { kind: string })[]> {
  const params: unknown[] = [grain];
  let where = 'a.grain = $1';
  if (region !== undefined) {
    params.push(region);
    where = `(a.grain = $1 AND ${inRegion('a.g', 2)}${region.length >= 6 ? ' AND a.county = left($2, 6)' : ''}) OR (a.grain = 6 AND a.g IS NULL)`;
  }
  const r = await pool.query<DbAggRow & { kind: string }>(
    `SELECT a.kind, a.grain, a.g, a.dim, a.key, a.label, a.first_pos, a.features, a.eff_m2, a.eff_net_m2, a.gross_m2, a.tbmj_m2, a.tbmj_n, a.computed_tbmj_m2,
            a.tbdlmj_m2, a.tbdlmj_declared, a.tbdlmj_derived, a.yjjbnttbmj_m2, a.yjjbnttbmj_n
     FROM fa_agg a JOIN fa_county c ON c.county = a.county
     WHERE a.kind = ANY(ARRAY(SELECT DISTINCT kind FROM fa_layer)) AND (${where}) ORDER BY c.ord, a.first_pos`,
    params,
  );
  return r.rows.map(aggRowOf);
}

/** A fa_agg row as rollup.ts's AggRow (with its kind). */
function aggRowOf(x: DbAggRow & { kind: string }): AggRow & { kind: string } {
  return {
    kind: x.kind, grain: x.grain, g: x.g, dim: x.dim, key: x.key, label: x.label, firstPos: x.first_pos, features: x.features, effM2: x.eff_m2, effNetM2: x.eff_net_m2, grossM2: x.gross_m2,
    tbmjM2: x.tbmj_m2, tbmjN: x.tbmj_n, computedTbmjM2: x.computed_tbmj_m2, tbdlmjM2: x.tbdlmj_m2, tbdlmjDeclared: x.tbdlmj_declared, tbdlmjDerived: x.tbdlmj_derived,
    yjM2: x.yjjbnttbmj_m2, yjN: x.yjjbnttbmj_n,
  };
}

/** A breakdown row's label as the engine gives it: grades "N等", slope classes by key, "未填写" where unknown. */
function bucketLabel(r: AggRow): string {
  if (r.dim === 'grade') return r.key === 'unknown' ? '未填写' : `${r.key}等`;
  if (r.dim === 'slope') return r.key === 'unknown' ? '未填写' : r.key;
  return r.label;
}

/** The layer kinds whose parcels carry region codes: one index probe per kind (fa_agg_key), not a scan of fa_agg. */
const CODED_SQL = `SELECT k.kind FROM (SELECT DISTINCT kind FROM fa_layer) k
  WHERE EXISTS (SELECT 1 FROM fa_agg a WHERE a.kind = k.kind AND a.grain = 6 AND a.g IS NOT NULL AND a.dim = 'total')`;

/**
 * Everything of a summary but the rollup rows, in one statement (one round trip, each part a small json_agg): the
 * layers in load order, which kinds carry codes, the targets, overlap pair counts (within the region where it is
 * given: both parcels' codes), overlay failures.
 */
const META_SQL = `SELECT
  (SELECT coalesce(json_agg(x ORDER BY x.ord, x.lord), '[]') FROM (SELECT l.kind, l.name, l.file, l.features, l.county, c.ord, l.ord AS lord FROM fa_layer l JOIN fa_county c ON c.county = l.county) x) AS layers,
  (SELECT coalesce(json_agg(kind), '[]') FROM (${CODED_SQL}) x) AS coded,
  (SELECT coalesce(json_agg(t ORDER BY t.file, t.row), '[]') FROM (SELECT code, name, level, cultivated_mu, permanent_basic_mu, row, file FROM fa_target) t) AS targets,
  (SELECT coalesce(json_agg(o), '[]') FROM (SELECT kind, count(*) AS n, count(*) FILTER (WHERE $1::text IS NOT NULL AND ${inRegion('a_code', 1)} AND ${inRegion('b_code', 1)}) AS inside FROM fa_overlap GROUP BY kind) o) AS pairs,
  (SELECT coalesce(json_agg(f ORDER BY f.ord, f.ford), '[]') FROM (SELECT f.kind, f.feature_id, f.message, f.region_code, c.ord, f.ord AS ford FROM fa_finding f JOIN fa_county c ON c.county = f.county WHERE f.failure) f) AS failures`;

interface SummaryMeta {
  layers: { kind: LayerKind; name: string; file: string; features: number; counties: string[] }[];
  coded: Set<string>;
  targets: TargetTable | undefined;
  pairs: { kind: string; n: number; inside: number }[];
  failures: { kind: string; feature_id: string; message: string; region_code: string | null }[];
}

async function summaryMeta(pool: Pool, region: string | undefined): Promise<SummaryMeta> {
  const r = await pool.query<{
    layers: { kind: LayerKind; name: string; file: string; features: number; county: string }[];
    coded: string[];
    targets: { code: string; name: string; level: 'county' | 'township' | 'village'; cultivated_mu: number | null; permanent_basic_mu: number | null; row: number; file: string }[];
    pairs: { kind: string; n: number; inside: number }[];
    failures: SummaryMeta['failures'];
  }>(META_SQL, [region ?? null]);
  const m = r.rows[0];
  return { layers: layersOf(m.layers), coded: new Set(m.coded), targets: targetTable(m.targets), pairs: m.pairs, failures: m.failures };
}

/**
 * Summary of every layer in the database (optionally of a region prefix), as summarize() would give it. Kept per
 * region and basis until a load changes the database (GENERATION_SQL, one small query per call): the dashboard
 * asks for the same few regions again and again. Computed by two
 * statements side by side: the summary's small parts (META_SQL) and the rollup rows at the region's grain for
 * every kind, plus the rows without a region code at the county grain — which are the whole layer of a kind
 * without codes (the region does not apply to it; for a kind with codes they are dropped).
 */
export async function summaryFromDb(pool: Pool, opts: { region?: string; conflicts?: boolean; basis?: AreaBasis } = {}): Promise<Summary> {
  const basis = opts.basis ?? DEFAULT_AREA_BASIS;
  const region = opts.region === '' ? undefined : opts.region;
  const gen = (await pool.query<{ gen: string }>(GENERATION_SQL)).rows[0].gen;
  let cache = summaryCache.get(pool);
  if (cache?.gen !== gen) {
    cache = { gen, entries: new Map() };
    summaryCache.set(pool, cache);
  }
  const key = `${region ?? ''}\u0000${basis}`;
  const hit = cache.entries.get(key);
  if (hit) {
    const out: Summary = { ...hit.summary };
    if (opts.conflicts !== false) out.conflicts = await conflictsFromChunks(pool, region, hit.coded);
    return out;
  }
  const made = await computeSummary(pool, region, basis, opts.conflicts !== false);
  if (cache.entries.size >= CACHED_SUMMARIES) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(key, { summary: made.summary, coded: made.coded });
  const out: Summary = { ...made.summary };
  if (made.conflicts) out.conflicts = await made.conflicts;
  return out;
}

/**
 * Which counties are loaded, and when: every load rewrites its county's fa_county row (a new load order and time) in
 * the transaction that changes its figures and targets, so a summary computed under one generation holds until it
 * changes.
 */
const GENERATION_SQL = "SELECT coalesce(md5(string_agg(county || ':' || ord || ':' || loaded_at::text, ',' ORDER BY county)), '') AS gen FROM fa_county";
/** Summaries (without their conflict pairs, read each time) by region and basis, per pool, for one generation. */
const summaryCache = new WeakMap<Pool, { gen: string; entries: Map<string, { summary: Summary; coded: ReadonlySet<string> }> }>();
const CACHED_SUMMARIES = 64;

/** A summary computed from the database (summaryFromDb), its conflict pairs on their way when asked for. */
async function computeSummary(pool: Pool, region: string | undefined, basis: AreaBasis, withConflicts: boolean): Promise<{ summary: Summary; coded: ReadonlySet<string>; conflicts?: Promise<Summary['conflicts']> }> {
  const grain = grainFor(region);
  const metaAsked = summaryMeta(pool, region);
  // the conflict chunks beside the rest: which kinds the region applies to (those with codes) arrives with meta
  const conflictsAsked = withConflicts ? conflictsFromChunks(pool, region, metaAsked.then((m) => m.coded)) : undefined;
  conflictsAsked?.catch(() => undefined); // (awaited by the caller; an error must not go unhandled meanwhile)
  const [meta, rows] = await Promise.all([metaAsked, grain === null ? undefined : aggRowsAll(pool, region, grain)]);
  const { layers, coded: hasCodes, targets, pairs, failures } = meta;
  const applied = (kind: string) => region !== undefined && hasCodes.has(kind);
  const kinds = layers.map((l) => l.kind);
  const rowsByKind = new Map<string, AggRow[]>(kinds.map((k) => [k, []]));
  if (rows)
    for (const r of rows) {
      // a region's rows for a kind it applies to; the whole layer (grain 6, all of it) otherwise
      const want = region === undefined || (applied(r.kind) ? r.g !== null : r.grain === 6 && r.g === null);
      if (want) rowsByKind.get(r.kind)?.push(r);
    }
  else for (const [k, v] of await finerRowsOf(pool, kinds, region!, applied)) rowsByKind.set(k, v);
  const summaries: LayerSummary[] = [];
  for (const l of layers) {
    const isApplied = applied(l.kind);
    const buckets = { land: new Buckets(LANDS), grade: new Buckets(GRADES), slope: new Buckets(SLOPES), county: new Buckets(), township: new Buckets(), village: new Buckets() };
    const declared: DeclaredAreas = { tbmjM2: 0, tbmjFeatures: 0, computedWithTbmjM2: 0, tbdlmjM2: 0, tbdlmjDeclared: 0, tbdlmjDerived: 0, yjjbnttbmjM2: 0, yjjbnttbmjFeatures: 0 };
    let total = 0;
    let totalNet = 0;
    let gross = 0;
    let features = 0;
    for (const r of rowsByKind.get(l.kind) ?? []) {
      if (r.dim === 'total') {
        features += r.features;
        total += r.effM2;
        totalNet += r.effNetM2;
        gross += r.grossM2;
        for (const [d, k] of DECLARED_FROM_ROW) declared[d] += r[k];
      } else buckets[r.dim].add(r.key, bucketLabel(r), r.features, r.effM2, r.effNetM2);
    }
    const ov = pairs.find((x) => x.kind === l.kind);
    const s: LayerSummary = {
      kind: l.kind, name: l.name, file: l.file, features, area: areaUnits(total), net: areaUnits(totalNet), tiankan: areaUnits(total - totalNet), basis,
      grossAreaM2: gross, overlapAreaM2: gross - total,
      overlapPairs: Number((isApplied ? ov?.inside : ov?.n) ?? 0), declared,
      byLandClass: buckets.land.buckets(total), byGrade: buckets.grade.buckets(total), bySlope: buckets.slope.buckets(total),
      byCounty: buckets.county.buckets(total), byTownship: buckets.township.buckets(total), byVillage: buckets.village.buckets(total),
      regionApplied: isApplied,
      failures: failures.filter((f) => f.kind === l.kind && (!isApplied || (f.region_code ?? '').startsWith(region!))).map((f) => ({ parcelId: f.feature_id, message: f.message })),
    };
    if (region) {
      s.region = region;
      s.regionRule = isApplied ? 'code' : 'none'; // as summarize() says it (the dashboard's panels read it)
    }
    summaries.push(s);
  }
  if (targets) {
    const names = new Map(targets.regions.filter((r) => r.name !== '').map((r) => [r.code, r.name]));
    for (const s of summaries) for (const b of [...s.byCounty, ...s.byTownship, ...s.byVillage]) if (b.label === '' && names.has(b.key)) b.label = names.get(b.key)!;
  }
  const out: Summary = { basis, layers: summaries, targets: evaluateTargets(targets, achievedFromSummaries(summaries, basis), { region }) };
  if (region) out.region = region;
  return { summary: out, coded: hasCodes, ...(conflictsAsked ? { conflicts: conflictsAsked } : {}) };
}

/** The rollup rows of every layer kind for a region finer than a village, by kind: rolled up from the village's parcels, kind by kind. */
async function finerRowsOf(pool: Pool, kinds: readonly string[], region: string, applied: (kind: string) => boolean): Promise<Map<string, AggRow[]>> {
  const out = new Map<string, AggRow[]>();
  for (const k of kinds) out.set(k, applied(k) ? await villageRollup(pool, k, region) : []);
  const whole = kinds.filter((k) => !applied(k));
  if (whole.length) for (const r of await aggRows(pool, whole, undefined, 6)) out.get(r.kind)!.push(r);
  return out;
}

/**
 * Keeps the summaries a dashboard opens with warm for `farmland serve`: the province (no region) and every prefix
 * of the loaded counties' codes (2, 4 and 6 digits), on the default basis, computed again as soon as a load changes
 * the generation (polled every `everyMs`). The first province-wide summary after a load reads every county's
 * county-grain rollups (~100 ms on the 6M bench province); warmed, a user's first call is a lookup. `ready` settles
 * after the first pass; `stop()` ends the polling. Errors (e.g. the database restarting) are reported and retried.
 */
export function keepSummariesWarm(pool: Pool, opts: { everyMs?: number; onError?: (err: unknown) => void } = {}): { ready: Promise<void>; stop: () => void } {
  let last: string | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pass = async (): Promise<void> => {
    const gen = (await pool.query<{ gen: string }>(GENERATION_SQL)).rows[0].gen;
    if (gen === last) return;
    const counties = (await pool.query<{ county: string }>('SELECT county FROM fa_county ORDER BY ord')).rows.map((r) => r.county);
    const regions = new Set<string | undefined>([undefined]);
    for (const c of counties) for (const n of [2, 4, 6]) regions.add(c.slice(0, n));
    for (const region of regions) {
      if (stopped) return;
      await summaryFromDb(pool, { region, conflicts: false });
    }
    last = gen;
  };
  const loop = async (): Promise<void> => {
    try {
      await pass();
    } catch (err) {
      opts.onError?.(err);
    }
    if (!stopped) {
      timer = setTimeout(() => void loop(), opts.everyMs ?? 5000);
      timer.unref?.();
    }
  };
  const ready = loop();
  return {
    ready,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
