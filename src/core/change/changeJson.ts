/**
 * The change report as plain JSON (snake_case, m² and 亩) — what `farmland change --json` prints and what the
 * 变化 tab shows, so the two read the same figures.
 */
import { ledger } from '../analysis/ledger';
import { m2ToMu } from '../area/units';
import { ledgerProjectsFromChange } from './ledgerFeed';
import type { BalanceRow, ChangeReport } from './report';

const mu = (m2: number) => m2ToMu(m2);

const side = (s: BalanceRow['out']) => ({ area_m2: s.areaM2, area_mu: mu(s.areaM2), gddj: s.gddj, graded_m2: s.gradedM2, by_group_m2: s.byGroup });
const balanceJson = (b: BalanceRow) => ({ region: b.region, out: side(b.out), in: side(b.in), verdict: b.verdict, short_m2: b.shortM2, short_mu: mu(b.shortM2), text: b.text });

export function changeJson(r: ChangeReport, opts: { year?: number } = {}): Record<string, unknown> {
  const year = opts.year;
  const led = year === undefined ? undefined : ledger(ledgerProjectsFromChange(r, year));
  return {
    source: r.source,
    files: r.files,
    region: r.region ?? null,
    level: r.level,
    matrix: r.matrix.map((c) => ({ from: c.from, to: c.to, area_m2: c.areaM2, area_mu: mu(c.areaM2) })),
    matrix_level1: r.matrixLevel1.map((c) => ({ from: c.from, to: c.to, area_m2: c.areaM2, area_mu: mu(c.areaM2) })),
    before_by_class_m2: r.beforeByClass,
    after_by_class_m2: r.afterByClass,
    reconciliation: r.reconciliation && {
      before_total_m2: r.reconciliation.beforeTotalM2, rows_m2: r.reconciliation.rowsM2,
      after_total_m2: r.reconciliation.afterTotalM2, columns_m2: r.reconciliation.columnsM2, max_class_diff_m2: r.reconciliation.maxClassDiffM2,
    },
    cultivated: {
      before_m2: r.cultivated.beforeM2, after_m2: r.cultivated.afterM2,
      inflow_m2: r.cultivated.inflowM2, outflow_m2: r.cultivated.outflowM2, net_m2: r.cultivated.netM2,
      inflow_mu: mu(r.cultivated.inflowM2), outflow_mu: mu(r.cultivated.outflowM2), net_mu: mu(r.cultivated.netM2),
    },
    regions: r.regions.map((x) => ({ region: x.region, inflow_m2: x.inflowM2, outflow_m2: x.outflowM2, net_m2: x.netM2, inflow_by_m2: x.inflowBy, outflow_by_m2: x.outflowBy })),
    balance: { total: balanceJson(r.balanceTotal), regions: r.balance.map(balanceJson) },
    stable: {
      total: { before_m2: r.stableTotal.beforeM2, after_m2: r.stableTotal.afterM2, gained_m2: r.stableTotal.gainedM2, lost_m2: r.stableTotal.lostM2, lost_to_construction_m2: r.stableTotal.lostToConstructionM2, net_m2: r.stableTotal.netM2, net_mu: mu(r.stableTotal.netM2) },
      regions: r.stable.map((x) => ({ region: x.region, before_m2: x.beforeM2, after_m2: x.afterM2, gained_m2: x.gainedM2, lost_m2: x.lostM2, lost_to_construction_m2: x.lostToConstructionM2, net_m2: x.netM2, net_mu: mu(x.netM2) })),
      ledger: led && { year: year, rows: led.rows.map((x) => ({ region: x.region, year: x.year, supplemented_mu: x.supplementedMu, occupied_mu: x.occupiedMu, net_increase_mu: x.netIncreaseMu, next_year_cap_mu: x.nextYearCapMu })) },
    },
    abandoned: {
      total: { recovered_m2: r.abandonedTotal.recoveredM2, abandoned_m2: r.abandonedTotal.abandonedM2 },
      regions: r.abandoned.map((x) => ({ region: x.region, recovered_m2: x.recoveredM2, abandoned_m2: x.abandonedM2 })),
    },
    non_agricultural: {
      by_region_m2: r.nonAgriculturalByRegion,
      pieces: r.nonAgricultural.map((p) => ({ piece: p.piece, before_id: p.beforeId, after_id: p.afterId, from: p.from, to: p.to, area_m2: p.areaM2, area_mu: mu(p.areaM2), region: p.region })),
    },
    slivers: {
      count: r.slivers.count, total_m2: r.slivers.totalM2, tolerance_m2: r.slivers.toleranceM2,
      list: r.slivers.list.map((x) => ({ piece: x.piece, before_id: x.beforeId, after_id: x.afterId, area_m2: x.areaM2 })),
    },
    rules: r.rules,
  };
}
