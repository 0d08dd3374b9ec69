/**
 * The demo's two vintages (data/demo/change-2023.geojson, change-2024.geojson): every planted change of
 * change-planted.json is found with its known area, and nothing else changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIANKAN } from '../src/core/change/classes';
import { overlayVintages } from '../src/core/change/overlay';
import { changeReport } from '../src/core/change/report';
import { loadVintage } from '../src/core/change/vintage';
import { parseGeoJsonBytes } from '../src/core/io/readGeojson';

const DIR = join(__dirname, '..', 'data', 'demo');
const read = (name: string) => parseGeoJsonBytes(new Uint8Array(readFileSync(join(DIR, name))), name).features;

interface Planted {
  kind: string;
  before: string[];
  after: string[];
  from: string;
  to: string;
  area_m2: number;
  tiankan_m2: number;
}

describe('demo second vintage: the planted changes, found exactly', () => {
  const planted = (JSON.parse(readFileSync(join(DIR, 'change-planted.json'), 'utf8')) as { planted: Planted[] }).planted;
  const before = loadVintage('change-2023.geojson', read('change-2023.geojson'), '前期 before');
  const after = loadVintage('change-2024.geojson', read('change-2024.geojson'), '后期 after');
  const pieces = overlayVintages(before.layer, after.layer);
  const report = changeReport(pieces, { level: 'village' });
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

  it('loads without errors and every piece pairs up (no gaps, no slivers)', () => {
    expect([...before.findings, ...after.findings, ...pieces.findings].filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.matrix.some((c) => c.from === '(none)' || c.to === '(none)')).toBe(false);
    expect(report.slivers.count).toBe(0);
    expect(planted.length).toBe(18);
  });

  it('each off-diagonal cell of the matrix is exactly the planted flows into it (1e-9 relative)', () => {
    const want = new Map<string, number>();
    const put = (f: string, t: string, v: number) => want.set(`${f}>${t}`, (want.get(`${f}>${t}`) ?? 0) + v);
    for (const p of planted) {
      if (p.from === p.to) continue; // 撂荒 changes keep the class
      put(p.from, p.to, p.area_m2);
      // 田坎 of a 耕地 parcel that left 耕地 goes with it (1203 → to); a parcel that became 耕地 gains 田坎 (from → 1203)
      if (p.tiankan_m2 > 0) p.from.startsWith('01') ? put(TIANKAN, p.to, p.tiankan_m2) : put(p.from, TIANKAN, p.tiankan_m2);
    }
    const got = report.matrix.filter((c) => c.from !== c.to);
    expect(got.map((c) => `${c.from}>${c.to}`).sort()).toEqual([...want.keys()].sort());
    for (const c of got) expect(rel(c.areaM2, want.get(`${c.from}>${c.to}`) as number), `${c.from}→${c.to}`).toBeLessThan(1e-9);
  });

  it('耕地 flows, 进出平衡, 撂荒 and 非农化 equal the sums of the planted list', () => {
    const sum = (pred: (p: Planted) => boolean, tk = false) => planted.filter(pred).reduce((s, p) => s + p.area_m2 + (tk ? p.tiankan_m2 : 0), 0);
    const cult = (c: string) => c.startsWith('01');
    expect(rel(report.cultivated.outflowM2, sum((p) => cult(p.from) && !cult(p.to)))).toBeLessThan(1e-9);
    expect(rel(report.cultivated.inflowM2, sum((p) => !cult(p.from) && cult(p.to)))).toBeLessThan(1e-9);
    expect(rel(report.balanceTotal.out.areaM2, sum((p) => p.kind.includes('耕地→果园')))).toBeLessThan(1e-9);
    expect(rel(report.balanceTotal.in.areaM2, sum((p) => p.kind.includes('→耕地') || p.kind.includes('其他草地→')))).toBeLessThan(1e-9);
    expect(report.balanceTotal.verdict).toBe('balanced');
    expect(rel(report.abandonedTotal.recoveredM2, sum((p) => p.kind.startsWith('撂荒恢复')))).toBeLessThan(1e-9);
    expect(rel(report.abandonedTotal.abandonedM2, sum((p) => p.kind.startsWith('新增撂荒')))).toBeLessThan(1e-9);
    const na = planted.filter((p) => p.kind.startsWith('非农化'));
    expect(report.nonAgricultural.map((p) => p.beforeId).sort()).toEqual(na.map((p) => p.before[0]).sort());
    expect(rel(report.nonAgricultural.reduce((s, p) => s + p.areaM2, 0), sum((p) => p.kind.startsWith('非农化')))).toBeLessThan(1e-9);
    // stable 耕地: gained = restored + 园地/草地 → 耕地 (with nothing from 田坎 here), lost = out + 非农化 + new 撂荒
    const gained = sum((p) => p.kind.startsWith('撂荒恢复') || (!cult(p.from) && cult(p.to)));
    const lost = sum((p) => p.kind.startsWith('新增撂荒') || (cult(p.from) && !cult(p.to)));
    expect(rel(report.stableTotal.gainedM2, gained)).toBeLessThan(1e-9);
    expect(rel(report.stableTotal.lostM2, lost)).toBeLessThan(1e-9);
  });
});
