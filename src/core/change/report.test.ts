import { describe, expect, it } from 'vitest';
import { ledger } from '../analysis/ledger';
import { m2ToMu } from '../area/units';
import { NO_PARCEL } from './classes';
import { ledgerProjectsFromChange } from './ledgerFeed';
import { overlayVintages } from './overlay';
import { changeReport } from './report';
import { AFTER, BEFORE, R } from './testData';
import { loadVintage } from './vintage';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function golden() {
  const before = loadVintage('before.geojson', BEFORE, '前期 before');
  const after = loadVintage('after.geojson', AFTER, '后期 after');
  expect(before.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const pieces = overlayVintages(before.layer, after.layer);
  expect(pieces.findings).toEqual([]);
  return { pieces, report: changeReport(pieces, { level: 'village' }) };
}

describe('changeReport on a hand-built pair of vintages (every flow known)', () => {
  const { pieces, report } = golden();
  const cell = (from: string, to: string) => report.matrix.find((c) => c.from === from && c.to === to)?.areaM2 ?? 0;
  const expected: [string, string, number][] = [
    ['0103', '0103', 0.9 * R(0, 1, 0, 1) + 0.95 * R(2, 3, 0, 2)],
    ['1203', '1203', 0.1 * R(0, 1, 0, 1) + 0.05 * R(2, 3, 0, 2)],
    ['0103', '0702', 0.9 * R(1, 2, 0, 1)],
    ['1203', '0702', 0.1 * R(1, 2, 0, 1)],
    ['0101', '0301', R(0, 1, 1, 2)],
    ['0201', '0103', R(1, 2, 1, 2)],
    ['0404', '0103', R(3, 3.5, 0, 1)],
    ['0404', NO_PARCEL, R(3.5, 4, 0, 1)],
  ];

  it('the matrix has exactly the planted cells, each within 1e-9', () => {
    expect(report.matrix.map((c) => `${c.from}>${c.to}`).sort()).toEqual(expected.map(([f, t]) => `${f}>${t}`).sort());
    for (const [f, t, v] of expected) expect(rel(cell(f, t), v), `${f}→${t}`).toBeLessThan(1e-9);
  });

  it('rows and columns reconcile to each vintage', () => {
    const r = report.reconciliation;
    expect(r).not.toBeNull();
    expect(rel(r!.rowsM2, r!.beforeTotalM2)).toBeLessThan(1e-9);
    // the after vintage lacks B5's right half: columns without (none) add up to the after total
    expect(rel(r!.columnsM2, r!.afterTotalM2)).toBeLessThan(1e-9);
    expect(r!.maxClassDiffM2).toBeLessThan(1e-9 * r!.beforeTotalM2);
    expect(rel(report.afterByClass[NO_PARCEL], R(3.5, 4, 0, 1))).toBeLessThan(1e-9);
  });

  it('耕地 inflow, outflow and net', () => {
    const inflow = R(1, 2, 1, 2) + R(3, 3.5, 0, 1);
    const outflow = 0.9 * R(1, 2, 0, 1) + R(0, 1, 1, 2);
    expect(rel(report.cultivated.inflowM2, inflow)).toBeLessThan(1e-9);
    expect(rel(report.cultivated.outflowM2, outflow)).toBeLessThan(1e-9);
    expect(rel(report.cultivated.netM2, inflow - outflow)).toBeLessThan(1e-9);
    expect(Math.abs(report.cultivated.afterM2 - report.cultivated.beforeM2 - report.cultivated.netM2)).toBeLessThan(1e-6);
    const v1 = report.regions.find((r) => r.region === '330102001001')!;
    const v2 = report.regions.find((r) => r.region === '330102001002')!;
    expect(rel(v1.outflowBy['07'], 0.9 * R(1, 2, 0, 1))).toBeLessThan(1e-9);
    expect(rel(v1.outflowBy['03'], R(0, 1, 1, 2))).toBeLessThan(1e-9);
    expect(rel(v1.inflowBy['02'], R(1, 2, 1, 2))).toBeLessThan(1e-9);
    expect(rel(v2.inflowBy['04'], R(3, 3.5, 0, 1))).toBeLessThan(1e-9);
    expect(v2.outflowM2).toBe(0);
  });

  it('进出平衡: quantity met, quality short (in is graded 5 against 3 out)', () => {
    const t = report.balanceTotal;
    expect(rel(t.out.areaM2, R(0, 1, 1, 2))).toBeLessThan(1e-9);
    expect(rel(t.in.areaM2, R(1, 2, 1, 2) + R(3, 3.5, 0, 1))).toBeLessThan(1e-9);
    expect(t.out.gddj).toBeCloseTo(3, 12);
    const w = (4 * R(1, 2, 1, 2) + 7 * R(3, 3.5, 0, 1)) / (R(1, 2, 1, 2) + R(3, 3.5, 0, 1));
    expect(t.in.gddj).toBeCloseTo(w, 9);
    expect(t.verdict).toBe('quality-short');
    expect(t.out.byGroup).toEqual({ 林地: t.out.areaM2 });
    // village 1 alone: out 1 cell, in 1 cell of 果园 graded 4 → quality short; village 2: in only → balanced
    expect(report.balance.find((b) => b.region === '330102001001')!.verdict).toBe('quality-short');
    expect(report.balance.find((b) => b.region === '330102001002')!.verdict).toBe('balanced');
  });

  it('以补定占: net increase of stably used 耕地, fed to the ledger', () => {
    const before = 0.9 * R(0, 2, 0, 1) + R(0, 1, 1, 2);
    const after = 0.9 * R(0, 1, 0, 1) + R(1, 2, 1, 2) + 0.95 * R(2, 3, 0, 2) + R(3, 3.5, 0, 1);
    expect(rel(report.stableTotal.beforeM2, before)).toBeLessThan(1e-9);
    expect(rel(report.stableTotal.afterM2, after)).toBeLessThan(1e-9);
    expect(rel(report.stableTotal.netM2, after - before)).toBeLessThan(1e-9);
    expect(rel(report.stableTotal.lostToConstructionM2, 0.9 * R(1, 2, 0, 1))).toBeLessThan(1e-9);
    const projects = ledgerProjectsFromChange(report, 2024);
    const l = ledger(projects);
    const net = l.totals.find((t) => t.year === 2024)!.netIncreaseMu;
    expect(rel(net, m2ToMu(after - before))).toBeLessThan(1e-9);
  });

  it('撂荒 recovered and 非农化 listed', () => {
    expect(rel(report.abandonedTotal.recoveredM2, 0.95 * R(2, 3, 0, 2))).toBeLessThan(1e-9);
    expect(report.abandonedTotal.abandonedM2).toBe(0);
    expect(report.nonAgricultural).toHaveLength(1);
    const p = report.nonAgricultural[0];
    expect([p.beforeId, p.afterId, p.from, p.to]).toEqual(['B1', 'A2', '0103', '0702']);
    expect(rel(p.areaM2, 0.9 * R(1, 2, 0, 1))).toBeLessThan(1e-9);
  });

  it('map categories name each changed piece', () => {
    const cat = (b: string, a: string) => {
      for (let k = 0; k < pieces.count; k++) {
        const bi = pieces.b[k];
        const aj = pieces.a[k];
        if ((bi >= 0 ? pieces.before[bi].id : '') === b && (aj >= 0 ? pieces.after[aj].id : '') === a) return report.categories[k];
      }
      return 'missing';
    };
    expect(cat('B1', 'A1')).toBeNull();
    expect(cat('B1', 'A2')).toBe('lost-construction');
    expect(cat('B2', 'A3')).toBe('lost-agricultural');
    expect(cat('B3', 'A4')).toBe('gained');
    expect(cat('B4', 'A5')).toBe('restored');
    expect(cat('B5', 'A6')).toBe('gained');
    expect(cat('B5', '')).toBe('other');
  });

  it('--region keeps only the pieces in it', () => {
    const r2 = changeReport(pieces, { region: '330102001002', level: 'village' });
    expect(r2.reconciliation).toBeNull();
    expect(r2.cultivated.outflowM2).toBe(0);
    expect(rel(r2.cultivated.inflowM2, R(3, 3.5, 0, 1))).toBeLessThan(1e-9);
    expect(r2.nonAgricultural).toEqual([]);
  });
});
