/**
 * A summary computed by the database: the pre-aggregated rows (fa_agg: one per layer × region code × 地类 × grade ×
 * slope, written at load) are read for the region — a lookup, not a scan of parcels — and assembled into exactly
 * the shape the engine's summarize() returns. Areas in fa_agg are sums of the engine's snapped per-parcel areas
 * (multiples of 2⁻¹⁰ m²), so every total and breakdown equals the engine's bit for bit; declared sums (TBMJ …)
 * are plain float sums and may differ in the last bits with the order of addition.
 *
 * A layer kind loaded for several counties is one layer here (the counties' parcels together, in load order).
 */
import type { Bucket } from '../core/analysis/breakdown';
import type { Conflict } from '../core/analysis/conflicts';
import type { DeclaredAreas, LayerSummary, Summary } from '../core/analysis/summary';
import type { LayerKind } from '../core/types';
import type { Pool } from './db';
import { achievedFromSummaries, areaUnits, evaluateTargets, LAND_CLASSES, LAND_CLASS_INFO, m2ToMu, SLOPE_CLASSES, type TargetTable } from './engine';

const GRADES = Array.from({ length: 10 }, (_, i) => ({ key: String(i + 1), label: `${i + 1}等` }));
const SLOPES = SLOPE_CLASSES.map((s) => ({ key: String(s.code), label: `${s.code}级 ${s.zh}` }));
const LANDS = LAND_CLASSES.map((c) => ({ key: c, label: LAND_CLASS_INFO[c].zh }));

/** BucketAccumulator (analysis/breakdown.ts) adding a group of parcels at once. */
class Buckets {
  private readonly rows = new Map<string, { label: string; features: number; areaM2: number }>();
  private readonly fixed: readonly string[];
  constructor(fixed: ReadonlyArray<{ key: string; label: string }> = []) {
    this.fixed = fixed.map((f) => f.key);
    for (const f of fixed) this.rows.set(f.key, { label: f.label, features: 0, areaM2: 0 });
  }
  add(key: string, label: string, features: number, m2: number): void {
    const row = this.rows.get(key);
    if (row) {
      row.features += features;
      row.areaM2 += m2;
      if (row.label === '' && label !== '') row.label = label;
    } else this.rows.set(key, { label, features, areaM2: m2 });
  }
  buckets(totalM2: number): Bucket[] {
    const fixedSet = new Set(this.fixed);
    const rank = (k: string) => (k === 'other' ? 1 : k === 'unknown' ? 2 : 0);
    const others = [...this.rows.keys()].filter((k) => !fixedSet.has(k)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return [...this.fixed, ...others].map((key) => {
      const r = this.rows.get(key)!;
      return { key, label: r.label, features: r.features, areaM2: r.areaM2, areaMu: m2ToMu(r.areaM2), share: totalM2 > 0 ? r.areaM2 / totalM2 : 0 };
    });
  }
}

interface AggRow {
  county_key: string; township_key: string; village_key: string; county_label: string; township_label: string; village_label: string;
  land_key: string; land_label: string; grade_key: string; slope_key: string; features: number; eff_m2: number; gross_m2: number;
  tbmj_m2: number; tbmj_n: number; computed_tbmj_m2: number; tbdlmj_m2: number; tbdlmj_declared: number; tbdlmj_derived: number;
  yjjbnttbmj_m2: number; yjjbnttbmj_n: number;
}

/** Region prefix predicate on a code column ($N is the region): parameterised, no LIKE patterns. */
const inRegion = (col: string, n: number) => `left(${col}, length($${n})) = $${n}`;

export async function targetsFromDb(pool: Pool): Promise<TargetTable | undefined> {
  const r = await pool.query<{ code: string; name: string; level: 'county' | 'township' | 'village'; cultivated_mu: number | null; permanent_basic_mu: number | null; row: number; file: string }>(
    'SELECT code, name, level, cultivated_mu, permanent_basic_mu, row, file FROM fa_target ORDER BY file, row',
  );
  if (r.rowCount === 0) return undefined;
  return {
    file: r.rows[0].file,
    regions: r.rows.map((x) => ({
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
  const out: { kind: LayerKind; name: string; file: string; features: number; counties: string[] }[] = [];
  for (const row of r.rows) {
    const have = out.find((x) => x.kind === row.kind);
    if (have) {
      have.features += row.features;
      have.counties.push(row.county);
    } else out.push({ kind: row.kind, name: row.name, file: row.file, features: row.features, counties: [row.county] });
  }
  return out;
}

/** Summary of every layer in the database (optionally of a region prefix), as summarize() would give it. */
export async function summaryFromDb(pool: Pool, opts: { region?: string; conflicts?: boolean } = {}): Promise<Summary> {
  const region = opts.region === '' ? undefined : opts.region;
  const layers = await dbLayers(pool);
  const summaries: LayerSummary[] = [];
  for (const l of layers) {
    const hasCodes = (await pool.query('SELECT 1 FROM fa_agg WHERE kind = $1 AND code IS NOT NULL LIMIT 1', [l.kind])).rowCount! > 0;
    const applied = region !== undefined && hasCodes;
    const params: unknown[] = [l.kind];
    let where = 'a.kind = $1';
    if (applied) {
      params.push(region);
      where += ` AND ${inRegion('a.code', 2)}`;
      // the county code bounds the rows read when the region is a county or finer
      if (region.length >= 6) where += ' AND a.county = left($2, 6)';
    }
    const rows = (
      await pool.query<AggRow>(`SELECT a.* FROM fa_agg a JOIN fa_county c ON c.county = a.county WHERE ${where} ORDER BY c.ord, a.first_pos`, params)
    ).rows;
    const land = new Buckets(LANDS);
    const grade = new Buckets(GRADES);
    const slope = new Buckets(SLOPES);
    const county = new Buckets();
    const township = new Buckets();
    const village = new Buckets();
    const declared: DeclaredAreas = { tbmjM2: 0, tbmjFeatures: 0, computedWithTbmjM2: 0, tbdlmjM2: 0, tbdlmjDeclared: 0, tbdlmjDerived: 0, yjjbnttbmjM2: 0, yjjbnttbmjFeatures: 0 };
    let total = 0;
    let gross = 0;
    let features = 0;
    for (const r of rows) {
      const n = r.features;
      features += n;
      total += r.eff_m2;
      gross += r.gross_m2;
      land.add(r.land_key, r.land_label, n, r.eff_m2);
      grade.add(r.grade_key, r.grade_key === 'unknown' ? '未填写' : `${r.grade_key}等`, n, r.eff_m2);
      slope.add(r.slope_key, r.slope_key === 'unknown' ? '未填写' : r.slope_key, n, r.eff_m2);
      county.add(r.county_key, r.county_label, n, r.eff_m2);
      township.add(r.township_key, r.township_label, n, r.eff_m2);
      village.add(r.village_key, r.village_label, n, r.eff_m2);
      declared.tbmjM2 += r.tbmj_m2;
      declared.tbmjFeatures += r.tbmj_n;
      declared.computedWithTbmjM2 += r.computed_tbmj_m2;
      declared.tbdlmjM2 += r.tbdlmj_m2;
      declared.tbdlmjDeclared += r.tbdlmj_declared;
      declared.tbdlmjDerived += r.tbdlmj_derived;
      declared.yjjbnttbmjM2 += r.yjjbnttbmj_m2;
      declared.yjjbnttbmjFeatures += r.yjjbnttbmj_n;
    }
    const ovParams: unknown[] = [l.kind];
    let ovWhere = 'kind = $1';
    if (applied) {
      ovParams.push(region);
      ovWhere += ` AND ${inRegion('a_code', 2)} AND ${inRegion('b_code', 2)}`;
    }
    const pairs = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM fa_overlap WHERE ${ovWhere}`, ovParams);
    const fParams: unknown[] = [l.kind];
    let fWhere = 'f.kind = $1 AND f.failure';
    if (applied) {
      fParams.push(region);
      fWhere += ` AND ${inRegion('f.region_code', 2)}`;
    }
    const failures = await pool.query<{ feature_id: string; message: string }>(
      `SELECT f.feature_id, f.message FROM fa_finding f JOIN fa_county c ON c.county = f.county WHERE ${fWhere} ORDER BY c.ord, f.ord`,
      fParams,
    );
    const s: LayerSummary = {
      kind: l.kind, name: l.name, file: l.file, features, area: areaUnits(total), grossAreaM2: gross, overlapAreaM2: gross - total,
      overlapPairs: Number(pairs.rows[0].n), declared,
      byLandClass: land.buckets(total), byGrade: grade.buckets(total), bySlope: slope.buckets(total),
      byCounty: county.buckets(total), byTownship: township.buckets(total), byVillage: village.buckets(total),
      regionApplied: applied, failures: failures.rows.map((f) => ({ parcelId: f.feature_id, message: f.message })),
    };
    if (region) s.region = region;
    summaries.push(s);
  }
  const targets = await targetsFromDb(pool);
  if (targets) {
    const names = new Map(targets.regions.filter((r) => r.name !== '').map((r) => [r.code, r.name]));
    for (const s of summaries) for (const b of [...s.byCounty, ...s.byTownship, ...s.byVillage]) if (b.label === '' && names.has(b.key)) b.label = names.get(b.key)!;
  }
  const out: Summary = { layers: summaries, targets: evaluateTargets(targets, achievedFromSummaries(summaries), { region }) };
  if (region) out.region = region;
  if (opts.conflicts !== false) out.conflicts = await conflictsFromDb(pool, region, new Set(summaries.filter((s) => s.regionApplied).map((s) => s.kind)));
  return out;
}

/** 三区三线 conflicts stored at load, restricted to the region on the layers that carry region codes. */
async function conflictsFromDb(pool: Pool, region: string | undefined, filtered: ReadonlySet<LayerKind>): Promise<Conflict[]> {
  // pairs outside the region are left in the database (the exact rule, per layer kind, is applied below)
  const params: unknown[] = [];
  let where = '';
  if (region !== undefined) {
    params.push(region);
    where = `WHERE (f.a_id IS NULL OR f.a_code IS NULL OR left(f.a_code, length($1)) = $1)${region.length >= 6 ? ' AND f.county = left($1, 6)' : ''}`;
  }
  const r = await pool.query<{ a: LayerKind; b: LayerKind; a_name: string; b_name: string; ord: number; a_id: string | null; b_id: string | null; a_code: string | null; area_m2: number | null; bbox: number[] | null; failure: string | null }>(
    `SELECT f.a, f.b, f.a_name, f.b_name, f.ord, f.a_id, f.b_id, f.a_code, f.area_m2, f.bbox, f.failure FROM fa_conflict f JOIN fa_county c ON c.county = f.county ${where} ORDER BY c.ord, f.ord`,
    params,
  );
  const out: Conflict[] = [];
  // every checked pair of layers appears, even with no conflict inside the region
  const heads = await pool.query<{ a: LayerKind; b: LayerKind; a_name: string; b_name: string }>(
    'SELECT f.a, f.b, min(f.a_name) AS a_name, min(f.b_name) AS b_name FROM fa_conflict f JOIN fa_county c ON c.county = f.county GROUP BY f.a, f.b ORDER BY min(c.ord * 100 + f.ord)',
  );
  for (const h of heads.rows) out.push({ a: h.a, b: h.b, aName: h.a_name, bName: h.b_name, areaM2: 0, areaMu: 0, pairs: [], failures: [] });
  for (const row of r.rows) {
    let c = out.find((x) => x.a === row.a && x.b === row.b);
    if (!c) {
      c = { a: row.a, b: row.b, aName: row.a_name, bName: row.b_name, areaM2: 0, areaMu: 0, pairs: [], failures: [] };
      out.push(c);
    }
    if (region !== undefined && filtered.has(row.a) && row.a_id !== null && !(row.a_code ?? '').startsWith(region)) continue;
    if (row.failure !== null) c.failures.push({ parcelId: row.a_id ?? '', message: row.failure });
    else if (row.a_id !== null && row.b_id !== null && row.area_m2 !== null && row.bbox) {
      c.pairs.push({ aId: row.a_id, bId: row.b_id, areaM2: row.area_m2, bbox: row.bbox as [number, number, number, number] });
      c.areaM2 += row.area_m2;
    }
  }
  for (const c of out) {
    c.pairs.sort((x, y) => y.areaM2 - x.areaM2 || (x.aId < y.aId ? -1 : x.aId > y.aId ? 1 : x.bId < y.bId ? -1 : 1));
    c.areaMu = m2ToMu(c.areaM2);
  }
  return out;
}
