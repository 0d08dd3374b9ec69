/**
 * The scenario report (打印报告, issue 18 §2): a styled page, same look as the app, with the site's map (the drawn
 * site over the layers, with legend, scale bar and north arrow — a map sheet), location (region, centre), the
 * per-layer table, approval warnings, compensation duty, 占补平衡 verdicts with margins, parcels touched, data sources
 * and parameters and a signature/date block. Opened in a new window; the browser's print dialog makes the A4 PDF.
 */
import type { AreaGeometry } from '../../core/types';
import type { Scenario } from '../../state/scenarios/types';
import type { TouchedParcel } from '../../worker/impactProtocol';
import { formatNumber } from '../../core/area/units';
import { dlbmName } from '../words/codeNames';
import { localStamp } from './sheetLayout';

export interface ScenarioReportInput {
  scenario: Scenario;
  now: Date;
  version: string;
  dataName?: string;
  regionName?: string;
  mapDataUrl?: string;
  touched?: TouchedParcel[];
  touchedTotal?: number;
}

const esc = (v: string) => v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const n = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : formatNumber(v, d, 'zh-CN'));
const signed = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : `${v >= 0 ? '+' : ''}${n(v, d)}`);

/** Centre of the geometries' bounding box, lon/lat. */
export function centreOf(gs: readonly AreaGeometry[]): [number, number] | undefined {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of gs)
    for (const p of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
      for (const r of p)
        for (const [x, y] of r) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
  return Number.isFinite(x0) ? [(x0 + x1) / 2, (y0 + y1) / 2] : undefined;
}

const CSS = `
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2b3a; margin: 0; background: #f6f7f9; font-size: 13px; }
.page { max-width: 820px; margin: 0 auto; background: #fff; padding: 24px 32px 32px; }
header { border-bottom: 3px solid #16324f; padding-bottom: 8px; margin-bottom: 12px; }
h1 { font-size: 22px; margin: 0 0 4px; color: #16324f; }
h2 { font-size: 15px; margin: 18px 0 6px; color: #16324f; border-left: 4px solid #2f7d32; padding-left: 8px; }
.meta { color: #4a5a6a; font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e1e5ea; padding: 4px 6px; text-align: left; }
th { background: #f3f5f7; font-weight: 700; color: #4a5a6a; }
td.num, th.num { text-align: right; }
.map { width: 100%; border: 1px solid #e1e5ea; }
.red { color: #c62828; font-weight: 700; } .amber { color: #b26a00; } .ok { color: #2f7d32; }
.sign { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 24px; margin-top: 28px; }
.sign div { border-top: 1px solid #1d2b3a; padding-top: 4px; font-size: 12px; color: #4a5a6a; height: 48px; }
.actions { margin: 0 0 12px; } .actions button { font: inherit; padding: 6px 14px; border: 1px solid #2f7d32; background: #2f7d32; color: #fff; border-radius: 5px; cursor: pointer; }
@page { size: A4 portrait; margin: 12mm; }
@media print { body { background: #fff; } .page { padding: 0; max-width: none; } .actions { display: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

export function scenarioReportHtml(i: ScenarioReportInput): string {
  const s = i.scenario;
  const f = s.figures;
  const centre = centreOf(s.site.map((x) => x.geometry));
  // [key, label, text, raw] rows of the summary table (data-key/data-value ride along for checks and copy-paste)
  const rows: [string, string, string, string][] = f
    ? [
        ['siteAreaMu', '项目用地面积（亩）', n(f.siteAreaMu), String(f.siteAreaMu)],
        ...f.layers.map((l): [string, string, string, string] => [`layer:${l.kind}`, `${l.name}（亩）`, `${n(l.areaMu)}（${l.parcels} 个图斑）`, String(l.areaMu)]),
        ['permanentBasicOccupied', '占用永久基本农田（须国务院批准）', f.flags.permanentBasicOccupied ? '是' : '否', String(f.flags.permanentBasicOccupied)],
        ['ecoRedlineCrossed', '穿越生态保护红线（禁止）', f.flags.ecoRedlineCrossed ? '是' : '否', String(f.flags.ecoRedlineCrossed)],
        ['outsideUrbanBoundary', '位于城镇开发边界外', f.flags.outsideUrbanBoundary ? `是（${n(f.flags.outsideUrbanMu)} 亩）` : '否', String(f.flags.outsideUrbanBoundary)],
        ['quantityMu', '应补耕地数量（亩）', n(f.duty.quantityMu), String(f.duty.quantityMu)],
        ['qualityGrade', '应补质量等级（≤）', n(f.duty.qualityGrade, 2), String(f.duty.qualityGrade)],
        ['capacityKg', '应补产能（kg）', n(f.duty.capacityKg, 0), String(f.duty.capacityKg)],
        ['feeYuan', '耕地开垦费估算（元）', n(f.duty.feeYuan, 0), String(f.duty.feeYuan)],
        ['balance', '占补平衡', f.balance ? (f.balance.pass ? '通过' : f.balance.verdicts.join('、')) : '未评估', f.balance ? String(f.balance.pass) : ''],
      ]
    : [];
  const warnings: string[] = [];
  if (f?.flags.ecoRedlineCrossed) warnings.push('<li class="red">穿越生态保护红线：禁止占用</li>');
  if (f?.flags.permanentBasicOccupied) warnings.push('<li class="red">占用永久基本农田：须报国务院批准</li>');
  if (f?.flags.outsideUrbanBoundary) warnings.push(`<li class="amber">位于城镇开发边界外（${n(f.flags.outsideUrbanMu)} 亩）</li>`);
  const b = f?.balance;
  const touched = i.touched ?? [];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(s.name || '项目占地分析报告')}</title><style>${CSS}</style></head><body><div class="page">
<div class="actions"><button type="button" onclick="window.print()">打印 / 存为 PDF（A4）</button></div>
<header><h1>${esc(s.name)}</h1><div class="meta">项目占地分析报告 · ${esc(String(s.year))} 年度 · 生成于 ${esc(localStamp(i.now, 'zh'))} · 方案保存于 ${esc(localStamp(new Date(s.updatedAt), 'zh'))}</div></header>
<h2>位置</h2>
<table><tbody>
<tr><th>行政区</th><td data-testid="report-region">${esc(i.regionName ?? (f?.duty.regionCode ? f.duty.regionCode : '—'))}</td></tr>
<tr><th>用地中心坐标</th><td data-testid="report-centre">${centre ? `${centre[0].toFixed(6)}°E, ${centre[1].toFixed(6)}°N（CGCS2000）` : '—'}</td></tr>
<tr><th>项目用地 / 补充地块</th><td>${s.site.length} 块 / ${s.supplements.length} 块</td></tr>
</tbody></table>
${i.mapDataUrl ? `<h2>用地位置图</h2><img class="map" data-testid="report-map" alt="项目用地位置图（图例、比例尺、指北针）" src="${i.mapDataUrl}">` : '<p class="meta">（打开此方案后再打印，可附用地位置图）</p>'}
<h2>占用情况与审批提示</h2>
${warnings.length ? `<ul>${warnings.join('')}</ul>` : '<p class="ok">无审批限制提示</p>'}
<table><tbody>${rows.map(([k, a, t, v]) => `<tr data-key="${esc(k)}"><td>${esc(a)}</td><td class="num" data-value="${esc(v)}">${esc(t)}</td></tr>`).join('')}</tbody></table>
<h2>占补平衡</h2>
${
  b
    ? `<p class="${b.pass ? 'ok' : 'red'}" data-testid="report-verdict">${b.pass ? '通过' : esc(b.verdicts.join('、'))}</p>
<table><thead><tr><th>指标</th><th class="num">应补</th><th class="num">已补</th><th class="num">余量</th></tr></thead><tbody>
<tr><td>数量（亩）</td><td class="num">${n(f?.duty.quantityMu)}</td><td class="num">${n(b.providedMu)}</td><td class="num">${signed(b.quantityMargin)}</td></tr>
<tr><td>质量等级（越小越好）</td><td class="num">≤ ${n(f?.duty.qualityGrade)}</td><td class="num">${n(b.providedGrade)}</td><td class="num">${signed(b.qualityMargin)}</td></tr>
<tr><td>产能（kg）</td><td class="num">${n(f?.duty.capacityKg, 0)}</td><td class="num">${n(b.providedCapacityKg, 0)}</td><td class="num">${signed(b.capacityMargin, 0)}</td></tr>
</tbody></table>`
    : '<p class="meta">未绘制或导入补充耕地，未评估。</p>'
}
<h2>涉及图斑${i.touchedTotal !== undefined && i.touchedTotal > touched.length ? `（前 ${touched.length} / 共 ${i.touchedTotal}）` : ''}</h2>
${
  touched.length
    ? `<table data-testid="report-parcels"><thead><tr><th>图层</th><th>图斑编号</th><th>地类</th><th class="num">质量等级</th><th class="num">占用面积（亩）</th></tr></thead><tbody>${touched
        .map((p) => `<tr><td>${esc(p.layerName)}</td><td>${esc(p.id)}</td><td>${p.dlbm ? `${esc(p.dlbm)} ${esc(dlbmName(p.dlbm, 'zh'))}` : '—'}</td><td class="num">${p.gddj ?? '—'}</td><td class="num">${n((p.areaM2 * 3) / 2000)}${p.whole ? '（整块）' : ''}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="meta">（打开此方案后再打印，可列出涉及图斑）</p>'
}
<h2>数据来源与参数</h2>
<table><tbody>
<tr><th>数据</th><td>${esc(i.dataName ?? '—')}</td></tr>
<tr><th>面积方法</th><td>椭球面积（CGCS2000）；亩 = 2000/3 平方米</td></tr>
<tr><th>开垦费费率</th><td>${f ? `${n(f.duty.feeRate, 0)} 元/亩（永久基本农田 ×2）` : '—'}</td></tr>
<tr><th>软件</th><td>Farmland Atlas ${esc(i.version)}</td></tr>
</tbody></table>
<div class="sign"><div>编制人（签字）</div><div>审核人（签字）</div><div>日期</div></div>
</div></body></html>`;
}
