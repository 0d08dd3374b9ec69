/**
 * The scenario report (打印报告, issue 18 §2): a styled page, same look as the app, with the site's map (the drawn
 * site over the layers, with legend, scale bar and north arrow — a map sheet), location (region, centre), the
 * per-layer table, approval warnings, compensation duty, 占补平衡 verdicts with margins, parcels touched, data sources
 * and parameters and a signature/date block, in the UI's language (reportWords.ts). Opened in a new window; the
 * browser's print dialog makes the A4 PDF.
 */
import type { AreaGeometry } from '../../core/types';
import type { Scenario } from '../../state/scenarios/types';
import type { TouchedParcel } from '../../worker/impactProtocol';
import { formatNumber } from '../../core/area/units';
import type { Lang } from '../../state/store';
import { layerDisplayName } from '../layerName';
import { dlbmName } from '../words/codeNames';
import { reportWords, verdictName } from './reportWords';
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
  /** The page's language (the UI's); zh by default. */
  lang?: Lang;
  /** The map and the parcels are still being made (a first page is shown meanwhile); or the map failed. */
  pending?: boolean;
  mapFailed?: boolean;
}

const esc = (v: string) => v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const numberIn = (locale: string) => (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : formatNumber(v, d, locale));

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
.band { background: #16324f; color: #fff; padding: 10px 32px; font-weight: 700; letter-spacing: 0.04em; font-size: 15px; }
.band span { color: #a9bdd1; font-weight: 400; font-size: 12px; margin-left: 10px; letter-spacing: 0; }
.page { max-width: 820px; margin: 0 auto; background: #fff; padding: 24px 32px 32px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
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
@media print { body { background: #fff; } .band { -webkit-print-color-adjust: exact; print-color-adjust: exact; padding: 6px 0; background: none; color: #16324f; border-bottom: 1px solid #e1e5ea; } .band span { color: #4a5a6a; } img.map { break-inside: avoid; } .page { padding: 0; max-width: none; } .actions { display: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

export function scenarioReportHtml(i: ScenarioReportInput): string {
  const lang = i.lang ?? 'zh';
  const w = reportWords(lang);
  const n = numberIn(lang === 'zh' ? 'zh-CN' : 'en-US');
  const signed = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : `${v >= 0 ? '+' : ''}${n(v, d)}`);
  const verdicts = (vs: readonly string[]) => vs.map((v) => verdictName(w, v)).join(lang === 'zh' ? '、' : '; ');
  const s = i.scenario;
  const f = s.figures;
  const centre = centreOf(s.site.map((x) => x.geometry));
  // [key, label, text, raw] rows of the summary table (data-key/data-value ride along for checks and copy-paste)
  const rows: [string, string, string, string][] = f
    ? [
        ['siteAreaMu', w.siteAreaMu, n(f.siteAreaMu), String(f.siteAreaMu)],
        ...f.layers.map((l): [string, string, string, string] => [`layer:${l.kind}`, w.layerMu(layerDisplayName(l.name, l.kind, lang)), w.layerValue(n(l.areaMu), l.parcels), String(l.areaMu)]),
        ['permanentBasicOccupied', w.pbfRow, f.flags.permanentBasicOccupied ? w.yes : w.no, String(f.flags.permanentBasicOccupied)],
        ['ecoRedlineCrossed', w.ecoRow, f.flags.ecoRedlineCrossed ? w.yes : w.no, String(f.flags.ecoRedlineCrossed)],
        ['outsideUrbanBoundary', w.urbanRow, f.flags.outsideUrbanBoundary ? w.urbanYes(n(f.flags.outsideUrbanMu)) : w.no, String(f.flags.outsideUrbanBoundary)],
        ['quantityMu', w.quantityMu, n(f.duty.quantityMu), String(f.duty.quantityMu)],
        ['qualityGrade', w.qualityGrade, n(f.duty.qualityGrade, 2), String(f.duty.qualityGrade)],
        ['capacityKg', w.capacityKg, n(f.duty.capacityKg, 0), String(f.duty.capacityKg)],
        ['feeYuan', w.feeYuan, n(f.duty.feeYuan, 0), String(f.duty.feeYuan)],
        ['balance', w.balance, f.balance ? (f.balance.pass ? w.pass : verdicts(f.balance.verdicts)) : w.notAssessed, f.balance ? String(f.balance.pass) : ''],
      ]
    : [];
  const warnings: string[] = [];
  if (f?.flags.ecoRedlineCrossed) warnings.push(`<li class="red">${esc(w.warnEco)}</li>`);
  if (f?.flags.permanentBasicOccupied) warnings.push(`<li class="red">${esc(w.warnPbf)}</li>`);
  if (f?.flags.outsideUrbanBoundary) warnings.push(`<li class="amber">${esc(w.warnUrban(n(f.flags.outsideUrbanMu)))}</li>`);
  const b = f?.balance;
  const touched = i.touched ?? [];
  const sep = ' · ';
  const map = i.mapDataUrl
    ? `<img class="map" data-testid="report-map" alt="${esc(w.mapAlt)}" src="${i.mapDataUrl}">`
    : `<p class="meta" data-testid="report-map-note">${esc(i.pending ? w.mapPending : w.mapMissing)}</p>`;
  const parcels = touched.length
    ? `<table data-testid="report-parcels"><thead><tr><th>${esc(w.layer)}</th><th>${esc(w.parcelId)}</th><th>${esc(w.landClass)}</th><th class="num">${esc(w.grade)}</th><th class="num">${esc(w.occupiedMu)}</th></tr></thead><tbody>${touched
        .map((p) => `<tr><td>${esc(layerDisplayName(p.layerName, p.layerKind, lang))}</td><td>${esc(p.id)}</td><td>${p.dlbm ? `${esc(p.dlbm)} ${esc(dlbmName(p.dlbm, lang))}` : '—'}</td><td class="num">${p.gddj ?? '—'}</td><td class="num">${n((p.areaM2 * 3) / 2000)}${p.whole ? esc(w.whole) : ''}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p class="meta">${esc(i.pending ? w.parcelsPending : w.parcelsNone)}</p>`;
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(s.name || w.docTitle)}</title><style>${CSS}</style></head><body>
<div class="band">${esc(w.appName)}<span>${esc(w.docTitle)}</span></div><div class="page" data-testid="report-page" data-lang="${lang}" data-pending="${i.pending ? 'true' : 'false'}">
<div class="actions"><button type="button" onclick="window.print()">${esc(w.print)}</button></div>
<header><h1>${esc(s.name)}</h1><div class="meta">${esc(w.docTitle)}${sep}${esc(String(s.year))}${esc(w.yearSuffix)}${sep}${esc(w.generated)} ${esc(localStamp(i.now, lang))}${sep}${esc(w.savedAt)} ${esc(localStamp(new Date(s.updatedAt), lang))}</div></header>
<h2>${esc(w.location)}</h2>
<table><tbody>
<tr><th>${esc(w.region)}</th><td data-testid="report-region">${esc(i.regionName ?? (f?.duty.regionCode ? f.duty.regionCode : '—'))}</td></tr>
<tr><th>${esc(w.centre)}</th><td data-testid="report-centre">${centre ? `${centre[0].toFixed(6)}°E, ${centre[1].toFixed(6)}°N${lang === 'zh' ? '（CGCS2000）' : ' (CGCS2000)'}` : '—'}</td></tr>
<tr><th>${esc(w.pieces)}</th><td>${esc(w.piecesValue(s.site.length, s.supplements.length))}</td></tr>
</tbody></table>
<h2>${esc(w.mapTitle)}</h2>
${map}
<h2>${esc(w.occupation)}</h2>
${warnings.length ? `<ul>${warnings.join('')}</ul>` : `<p class="ok">${esc(w.noWarnings)}</p>`}
<table data-testid="report-figures"><tbody>${rows.map(([k, a, t, v]) => `<tr data-key="${esc(k)}"><td>${esc(a)}</td><td class="num" data-value="${esc(v)}">${esc(t)}</td></tr>`).join('')}</tbody></table>
<h2>${esc(w.balance)}</h2>
${
  b
    ? `<p class="${b.pass ? 'ok' : 'red'}" data-testid="report-verdict">${esc(b.pass ? w.pass : verdicts(b.verdicts))}</p>
<table><thead><tr><th>${esc(w.indicator)}</th><th class="num">${esc(w.required)}</th><th class="num">${esc(w.provided)}</th><th class="num">${esc(w.margin)}</th></tr></thead><tbody>
<tr><td>${esc(w.quantityRow)}</td><td class="num">${n(f?.duty.quantityMu)}</td><td class="num">${n(b.providedMu)}</td><td class="num">${signed(b.quantityMargin)}</td></tr>
<tr><td>${esc(w.qualityRow)}</td><td class="num">≤ ${n(f?.duty.qualityGrade)}</td><td class="num">${n(b.providedGrade)}</td><td class="num">${signed(b.qualityMargin)}</td></tr>
<tr><td>${esc(w.capacityRow)}</td><td class="num">${n(f?.duty.capacityKg, 0)}</td><td class="num">${n(b.providedCapacityKg, 0)}</td><td class="num">${signed(b.capacityMargin, 0)}</td></tr>
</tbody></table>`
    : `<p class="meta">${esc(w.balanceMissing)}</p>`
}
<h2>${esc(w.parcels)}${i.touchedTotal !== undefined && i.touchedTotal > touched.length ? esc(w.parcelsOf(touched.length, i.touchedTotal)) : ''}</h2>
${parcels}
<h2>${esc(w.sources)}</h2>
<table><tbody>
<tr><th>${esc(w.data)}</th><td>${esc(i.dataName ?? '—')}</td></tr>
<tr><th>${esc(w.areaMethod)}</th><td>${esc(w.areaMethodValue)}</td></tr>
<tr><th>${esc(w.feeRate)}</th><td>${f ? esc(w.feeRateValue(n(f.duty.feeRate, 0))) : '—'}</td></tr>
<tr><th>${esc(w.software)}</th><td>Farmland Atlas ${esc(i.version)}</td></tr>
</tbody></table>
<div class="sign"><div>${esc(w.compiler)}</div><div>${esc(w.reviewer)}</div><div>${esc(w.date)}</div></div>
</div></body></html>`;
}
