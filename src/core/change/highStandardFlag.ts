/**
 * 高标准农田 不减少 in the year-on-year change report: the 高标准农田 of the before vintage no longer inside the after
 * vintage's 高标准农田 (严禁擅自占用), flagged with its area and parcels. The rule itself is highStandardLoss
 * (analysis/indicators/vintageChange.ts) — one implementation, shared with the indicators; this file only shapes
 * its answer for `farmland change --json`, the text report and the XLSX sheet.
 */
import { highStandardLoss, type VintageDiff } from '../analysis/indicators/vintageChange';
import { m2ToMu } from '../area/units';
import type { Layer } from '../layers/layer';
import type { Table } from '../table';

export type HighStandardLoss = VintageDiff & { flag: boolean; beforeFile: string; afterFile: string };

export function highStandardLossOf(before: Layer, after: Layer, opts: { region?: string } = {}): HighStandardLoss {
  return { ...highStandardLoss(before, after, opts), beforeFile: before.file, afterFile: after.file };
}

export function highStandardLossJson(h: HighStandardLoss): Record<string, unknown> {
  return {
    flag: h.flag,
    rule: '严禁擅自占用: 前期高标准农田不在后期高标准农田内的面积 / before-vintage 高标准农田 outside the after vintage',
    area_m2: h.areaM2,
    area_mu: h.areaMu,
    parcels: h.parcels.map((p) => ({ id: p.id, area_m2: p.areaM2, area_mu: p.areaMu, region: p.regionCode ?? null })),
    regions: h.byRegion.map((r) => ({ region: r.code, level: r.level, area_m2: r.areaM2, area_mu: m2ToMu(r.areaM2), parcels: r.parcels })),
    failures: h.failures.length,
  };
}

export function highStandardLossTable(h: HighStandardLoss): Table {
  const AREA = { numFmt: '#,##0.00', width: 14 };
  return {
    name: '高标准农田减少',
    columns: [{ header: '项目图斑 id' }, { header: '区域 region' }, { header: '减少(m²)', ...AREA }, { header: '减少(亩)', ...AREA }],
    rows: [...h.parcels.map((p) => [p.id, p.regionCode ?? '', p.areaM2, p.areaMu]), ['合计', '', h.areaM2, h.areaMu]],
  };
}

export function highStandardLossText(h: HighStandardLoss): string {
  const f = (mu: number) => mu.toFixed(2);
  if (!h.flag) return '高标准农田：未减少\n';
  const ids = h.parcels.slice(0, 5).map((p) => `${p.id} ${f(p.areaMu)} 亩`).join('、');
  return `高标准农田减少（严禁擅自占用）：${f(h.areaMu)} 亩，${h.parcels.length} 个项目图斑（${ids}${h.parcels.length > 5 ? ' …' : ''}）\n`;
}
