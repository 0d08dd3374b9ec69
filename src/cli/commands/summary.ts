/**
 * `farmland summary` — per-layer summaries (overlaps counted once, breakdowns by 地类 / grade / slope / region),
 * targets and 三区三线 conflicts, as a zh table, JSON, CSV or an XLSX workbook (and annotated GeoJSON).
 */
import type { Bucket } from '../../core/analysis/breakdown';
import type { Summary } from '../../core/analysis/summary';
import { parseTargets, type TargetTable } from '../../core/analysis/targets';
import { AREA_BASIS_LABEL, type AreaBasis, DEFAULT_AREA_BASIS, parseAreaBasis } from '../../core/area/netArea';
import { formatNumber } from '../../core/area/units';
import { type AdjustmentResult, adjustLayer, adjustmentTable, DEFAULT_ADJUSTMENT_TOLERANCE } from '../../core/analysis/adjustment';
import { controlUnitsFromFeatures, type UnitLevel } from '../../core/analysis/controlUnits';
import { summarizeRegion } from '../../core/analysis/regionClip';
import { breakdownTable, conflictsTable, targetsTable, totalsTable } from '../../core/report/summaryTables';
import { writeXlsx } from '../../core/report/xlsx';
import type { AreaGeometry } from '../../core/types';
import { SUMMARY_NOTES, summaryDocument } from '../../core/engine/summaryExport';
import { isAreaKind, layerKindInfo } from '../../core/layers/kinds';
import type { Layer } from '../../core/layers/layer';
import { buildMetadata, type InputFileMeta } from '../../core/report/metadata';
import type { Finding } from '../../core/types';
import { opt, opts, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, InputError, loadLayerSpecs, loadMapping, parseLayerSpec, printFindings, readFeatures } from '../load';
import { type ProjectFiles, readInputFile, withManifest } from '../manifest';
import type { Command } from './index';
import { computeIndicators } from '../../core/analysis/indicators/indicators';
import type { RewardRates } from '../../core/analysis/indicators/rewardPenalty';
import { indicatorsNote, indicatorsText, readRewardRates } from './indicatorsCli';

const usage = `farmland summary --layer KIND=FILE [--layer …] [--manifest FILE] [--targets FILE] [--region CODE]
                 [--json | --csv] [--xlsx OUT] [--geojson OUT] [--config FILE] [--epsg CODE] [--encoding ENC] [--mapping FILE]
                 [--area-basis net|polygon] [--region-boundaries FILE] [--control-units FILE [--control-level township|village] [--tolerance R]]

Per-layer summary: parcels, area (m², 亩, 公顷, 万亩, 亿亩; overlaps inside a layer counted once), by 地类,
quality grade GDDJ, slope class GDPDJB and region (county 6 / township 9 / village 12 digits of ZLDWDM), the
declared Σ TBMJ / Σ TBDLMJ beside the computed ellipsoidal area, targets (national 18.65 / 15.46 亿亩 built in;
--targets: per-region table, see docs/targets-format.md) and 三区三线 conflicts.
  --region CODE   restrict every figure to parcels whose ZLDWDM/XZQDM starts with CODE
  --region-boundaries FILE  boundary polygons with XZQDM (e.g. the basemap townships): layers without region codes
                  (red lines …) are clipped exactly to the --region unit's polygon; each layer says its rule
                  (region_rule: code | boundary | none)
  --control-units FILE  控制面积平差 first (see \`farmland adjust\`): each farmland layer's parcels adjusted to the
                  units' control areas (to 0.01 m²); units over --tolerance are reported and left unadjusted
  --area-basis B  which area the target lines (实现/缺口) use: net = 地类面积 (default: polygon area × TBDLMJ/TBMJ,
                  else 1 − KCXS), polygon = 图斑面积. Every layer reports both (area_m2 and net_m2) and 1203 田坎.
  --json          JSON to stdout: {"metadata","layers":[{"kind","features","area_m2","area_mu",…}],"targets","conflicts",
                  "indicators":{"permanent_basic_in_high_standard_m2","permanent_basic_in_high_standard_share",…,"by_region"}}
  --csv           CSV to stdout (UTF-8 BOM, metadata lines first): layer totals and every breakdown row
  --xlsx OUT      workbook with sheets 汇总, 分类, 目标, 冲突, 高标准覆盖, 建设候选, 黑土地, 盐碱耕地, 撂荒地, 经济奖惩, 元数据
  --config FILE   analysis config (the manifest's "config" by default): its "reward_penalty" rates (元/亩) for 经济奖惩
Indicators (docs/indicators.md): 永久基本农田 inside 高标准农田 and the ranked remainder, 耕地 in 黑土地 by grade and
slope, 盐碱耕地 by degree, 撂荒地 share, and the reward / compensation against the targets.
  --geojson OUT   the parcels with computed properties (fa_area_m2, fa_effective_area_m2, fa_layer_kind, …)
Exit: 0 ok · 1 errors in the data (reported on stderr, figures still printed) · 2 usage or unreadable input.
`;

// ---------------------------------------------------------------------------------------------------------------
// A plain-text table for terminals: CJK characters count two columns.

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

/** Columns padded to width; numbers (and cells starting with a digit or sign) right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+−]?[\d—]/.test(r[i] ?? '') || (r[i] ?? '') === ''));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - displayWidth(c)));
        return numeric[i] ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, 2));
const pct = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`);

function bucketsLine(title: string, bs: readonly Bucket[], max = 12): string {
  const nz = bs.filter((b) => b.features > 0);
  if (!nz.length) return '';
  const shown = nz.slice(0, max).map((b) => `${b.label || b.key}${b.label && /^\d/.test(b.key) && b.label !== b.key && !b.label.startsWith(b.key) ? `(${b.key})` : ''} ${f2(b.areaMu)} 亩 ${pct(b.share, 1)}`);
  return `  ${title}：${shown.join(' · ')}${nz.length > max ? ` · …（另 ${nz.length - max} 项，见 --csv/--xlsx）` : ''}\n`;
}

function humanReport(s: Summary, methodLabel: string): string {
  let out = `耕地保护汇总 · ${methodLabel} · 目标口径 ${AREA_BASIS_LABEL[s.basis].zh}${s.region ? ` · 区域 ${s.region}` : ''}\n\n`;
  out += textTable(
    ['图层', '文件', '图斑数', '图斑面积(亩)', '地类面积(亩)', '1203田坎(亩)', '面积(万亩)', '面积(公顷)', '层内重叠(亩)', 'ΣTBMJ(亩)', 'ΣTBDLMJ(亩)'],
    s.layers.map((l) => [
      l.name === layerKindInfo(l.kind).zh ? l.name : `${l.name}（${layerKindInfo(l.kind).zh}）`,
      l.file,
      formatNumber(l.features, 0),
      f2(l.area.mu),
      f2(l.net.mu),
      f2(l.tiankan.mu),
      formatNumber(l.area.wanMu, 4),
      f2(l.area.ha),
      f2(l.overlapAreaM2 * 0.0015),
      l.declared.tbmjFeatures ? f2(l.declared.tbmjM2 * 0.0015) : '—',
      l.declared.tbdlmjDeclared + l.declared.tbdlmjDerived ? f2(l.declared.tbdlmjM2 * 0.0015) : '—',
    ]),
  );
  for (const l of s.layers) {
    if (!isAreaKind(l.kind) || l.features === 0) continue;
    out += `\n${l.name}：\n`;
    out += bucketsLine('地类', l.byLandClass);
    out += bucketsLine('质量等级', l.byGrade);
    out += bucketsLine('坡度级别', l.bySlope);
    out += bucketsLine('县级', l.byCounty);
    out += bucketsLine('乡级', l.byTownship);
    if (l.region !== undefined && !l.regionApplied) out += '  （本图层无区划代码，区域筛选未应用）\n';
    if (l.regionRule === 'boundary') out += '  （本图层按区划边界裁切）\n';
  }
  const t = s.targets;
  const rows: string[][] = [];
  for (const r of [t.selected, ...t.children])
    for (const line of r.lines)
      rows.push([
        `${r.name || r.code}${r.code && r.name ? `(${r.code})` : ''}`,
        line.metric === 'cultivated' ? '耕地保有量' : '永久基本农田',
        f2(line.targetMu),
        f2(line.achievedMu),
        line.balanceMu === null ? '—' : `${line.balanceMu >= 0 ? '+' : ''}${f2(line.balanceMu)}`,
        pct(line.ratio),
        pct(line.targetShareOfNational, 6),
        line.status === 'met' ? '达标' : line.status === 'short' ? '缺口' : '无数据',
      ]);
  if (rows.length) out += `\n目标（亩，实现按${AREA_BASIS_LABEL[s.basis].zh}）：\n${textTable(['区域', '指标', '任务', '实现', '盈余(+)/缺口(−)', '完成率', '任务占全国', '状态'], rows)}`;
  if (s.conflicts !== undefined) {
    const rows = s.conflicts.map((c) => [
      `${layerKindInfo(c.a).zh} ∩ ${layerKindInfo(c.b).zh}`,
      formatNumber(c.pairs.length, 0),
      f2(c.areaMu),
      c.pairs.slice(0, 3).map((p) => `${p.aId}×${p.bId}`).join(' ') + (c.pairs.length > 3 ? ' …' : ''),
    ]);
    out += `\n三区三线冲突：${rows.length === 0 ? '无可检查的图层对（需永久基本农田/耕地与生态保护红线/城镇开发边界）' : ''}\n`;
    if (rows.length) out += textTable(['冲突', '图斑对', '面积(亩)', '图斑（前 3 对）'], rows);
    const failed = s.conflicts.reduce((n, c) => n + c.failures.length, 0);
    if (failed) out += `  （${failed} 处叠加计算失败，见 --json/--xlsx）\n`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const line: ProjectFiles = { layers: opts(args, 'layer').map(parseLayerSpec), targets: opt(args, 'targets'), config: opt(args, 'config') };
  let rates: RewardRates | undefined;
  const manifestPath = opt(args, 'manifest');
  const region = opt(args, 'region');
  if (region !== undefined && !/^\d{1,19}$/.test(region)) throw new UsageError(`--region takes a region code prefix (1–19 digits), got "${region}"`);
  const asJson = args.flags.has('json');
  const asCsv = args.flags.has('csv');
  if (asJson && asCsv) throw new UsageError('choose one of --json and --csv');
  const basisArg = opt(args, 'area-basis');
  const basis: AreaBasis = basisArg === undefined ? DEFAULT_AREA_BASIS : (parseAreaBasis(basisArg) ?? badBasis(basisArg));
  const xlsxOut = opt(args, 'xlsx');
  const geojsonOut = opt(args, 'geojson');
  const findings: Finding[] = [];
  const layers: Layer[] = [];
  let targets: TargetTable | undefined;
  const inputs: InputFileMeta[] = [];
  try {
    const { layers: specs, targets: targetsPath, config: configPath } = await withManifest(line, manifestPath, io);
    if (manifestPath !== undefined) inputs.push({ file: manifestPath, role: 'manifest' });
    if (specs.length === 0) throw new UsageError(`summary needs at least one --layer KIND=FILE (or --manifest)\n\n${usage}`);
    const mappingPath = opt(args, 'mapping');
    const mapping = mappingPath !== undefined ? await loadMapping(mappingPath, io) : undefined;
    layers.push(...(await loadLayerSpecs(specs, io, { read: args, mapping, findings, inputs })));
    if (targetsPath !== undefined) {
      const bytes = await readInputFile(targetsPath, io);
      const name = targetsPath.split(/[\\/]/).pop() ?? targetsPath;
      const read = parseTargets(bytes, name);
      findings.push(...read.findings);
      // a file that is not a targets table at all is unreadable input (exit 2); bad rows are data errors (exit 1)
      if (read.findings.some((x) => x.code === 'targets.format' || x.code === 'targets.header' || x.code === 'targets.regions'))
        throw new InputError(`${name}: 不是目标表（见 docs/targets-format.md） / not a targets table (see docs/targets-format.md)`);
      targets = read.table;
      inputs.push({ file: name, role: 'targets' });
    }
    if (configPath !== undefined) {
      const read = await readRewardRates(configPath, io);
      findings.push(...read.findings);
      rates = read.rates;
      inputs.push({ file: read.file, role: 'config' });
    }
  } catch (err) {
    return exitOnInputError(err, findings, io);
  }
  printFindings(findings, io);

  let adjustment: { file: string; results: { layer: string; result: AdjustmentResult }[] } | undefined;
  const unitsPath = opt(args, 'control-units');
  if (unitsPath !== undefined) {
    const lv = opt(args, 'control-level');
    if (lv !== undefined && lv !== 'county' && lv !== 'township' && lv !== 'village') throw new UsageError(`--control-level takes county, township or village, got "${lv}"`);
    const tolText = opt(args, 'tolerance');
    const tolerance = tolText === undefined ? DEFAULT_ADJUSTMENT_TOLERANCE : Number(tolText);
    if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError(`--tolerance takes a non-negative relative difference, got "${tolText}"`);
    let units: ReturnType<typeof controlUnitsFromFeatures>;
    let file: string;
    try {
      const ur = await readFeatures(unitsPath, io, args);
      if (ur.findings.some((x) => x.severity === 'error')) throw new InputError(`${ur.file}: 无法读取 / cannot be read`);
      file = ur.file;
      units = controlUnitsFromFeatures(ur.features, ur.file, lv ? { level: lv as UnitLevel } : {});
      if (units.units.length === 0) throw new InputError(`${ur.file}: 没有可用的区划单元 / no usable units`);
    } catch (err) {
      return exitOnInputError(err, findings, io);
    }
    printFindings(units.findings, io);
    findings.push(...units.findings);
    inputs.push({ file, role: 'control-units' });
    adjustment = { file, results: [] };
    for (let i = 0; i < layers.length; i++) {
      if (!isAreaKind(layers[i].kind)) continue;
      const result = adjustLayer(layers[i], units.units, { tolerance });
      adjustment.results.push({ layer: layers[i].file, result });
      layers[i] = result.layer;
      for (const u of result.units.filter((x) => x.flagged))
        io.stderr(`警告 warning: ${layers[i].file} 在单元 ${u.code} 的图斑面积之和与控制面积相差 ${(u.relDiff * 100).toFixed(4)}%，未平差 / differs from the control area beyond the tolerance: not adjusted\n`);
    }
  }
  let boundary: AreaGeometry | undefined;
  const boundariesPath = opt(args, 'region-boundaries');
  if (boundariesPath !== undefined && region !== undefined) {
    try {
      const br = await readFeatures(boundariesPath, io, args);
      if (br.findings.some((x) => x.severity === 'error')) throw new InputError(`${br.file}: 无法读取 / cannot be read`);
      const units = controlUnitsFromFeatures(br.features, br.file).units;
      const unit = units.find((u) => u.code === region) ?? units.find((u) => u.code.startsWith(region) && /^0*$/.test(u.code.slice(region.length)));
      if (unit === undefined) io.stderr(`警告 warning: ${br.file} 中没有区划 ${region} 的边界，无代码图层不能按边界筛选 / no boundary for region ${region}\n`);
      else boundary = unit.geometry;
      inputs.push({ file: br.file, role: 'region-boundaries' });
    } catch (err) {
      return exitOnInputError(err, findings, io);
    }
  }
  const summary = summarizeRegion(layers, { region, boundary, targets, conflicts: true, basis });
  const indicators = computeIndicators(layers, { region, targets: summary.targets, ...(rates ? { rates } : {}) });
  const notes = [
    ...SUMMARY_NOTES,
    indicatorsNote(indicators),
    `目标实现按${AREA_BASIS_LABEL[basis].zh}计 / target lines use the ${AREA_BASIS_LABEL[basis].en}; 地类面积 = 图斑面积 × TBDLMJ/TBMJ（无则 1 − KCXS），1203 田坎 = 图斑面积 − 地类面积`,
  ];
  if (adjustment) notes.push(`已按 ${adjustment.file} 控制面积平差（最大余数法，0.01 平方米）；超限单元未平差 / adjusted to the control areas of ${adjustment.file}; units over the tolerance left unadjusted`);
  const meta = buildMetadata({ inputs, now: io.now(), region, notes, basis });
  const doc = { ...(rates ? { rates } : {}), ...(boundary ? { boundary } : {}) };

  if (xlsxOut !== undefined) {
    if (adjustment) {
      const extra = adjustment.results.map((r) => ({ ...adjustmentTable(r.result), name: `平差-${r.layer}`.slice(0, 31).replace(/[\\/?*[\]:]/g, '_') }));
      await io.writeFile(xlsxOut, await writeXlsx([totalsTable(summary), breakdownTable(summary), targetsTable(summary), conflictsTable(summary), ...extra], meta));
    } else await io.writeFile(xlsxOut, await summaryDocument('xlsx', summary, layers, meta, region, doc));
    io.stderr(`已写入 / wrote ${xlsxOut}\n`);
  }
  if (geojsonOut !== undefined) {
    await io.writeFile(geojsonOut, await summaryDocument('geojson', summary, layers, meta, region, doc));
    io.stderr(`已写入 / wrote ${geojsonOut}\n`);
  }
  if (asJson && adjustment) {
    const out = JSON.parse((await summaryDocument('json', summary, layers, meta, region, doc)) as string) as Record<string, unknown>;
    out.adjustment = adjustment.results.map((r) => ({
      layer: r.layer,
      tolerance: r.result.tolerance,
      units: r.result.units.map((u) => ({ code: u.code, name: u.name, control_m2: u.controlM2, sum_before_m2: u.sumBeforeM2, sum_after_m2: u.sumAfterM2, diff_m2: u.diffM2, rel_diff: u.relDiff, flagged: u.flagged, adjusted: u.adjusted })),
      unassigned: r.result.unassigned.length,
    }));
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else if (asJson || asCsv) io.stdout((await summaryDocument(asJson ? 'json' : 'csv', summary, layers, meta, region, doc)) as string);
  else io.stdout(humanReport(summary, meta.area.label) + indicatorsText(indicators));
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

/** --area-basis with another value: a usage error. */
export function badBasis(v: string): never {
  throw new UsageError(`--area-basis takes net (地类面积) or polygon (图斑面积), got "${v}"`);
}

export const summaryCommand: Command = { summary: 'per-layer summary, targets and 三区三线 conflicts (--json|--csv|--xlsx)', usage, run };
