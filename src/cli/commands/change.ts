/** `farmland change` — year-on-year change between two survey vintages, or from one DLTBGXGC change layer. */
import { formatNumber, m2ToMu } from '../../core/area/units';
import { piecesFromChangeLayer } from '../../core/change/changeLayer';
import { LEVEL1_NAMES } from '../../core/change/classes';
import { DEFAULT_SLIVER_M2, overlayVintages } from '../../core/change/overlay';
import type { ChangePieces } from '../../core/change/pieces';
import { changeReport, type RegionLevel } from '../../core/change/report';
import { type HighStandardLoss, highStandardLossOf, highStandardLossText } from '../../core/change/highStandardFlag';
import { loadLayerFromFeatures } from '../../core/engine/loadLayer';
import { loadVintage } from '../../core/change/vintage';
import { buildMetadata, type InputFileMeta } from '../../core/report/metadata';
import { changeDocument } from '../../core/engine/changeExport';
import { surveyYear } from '../../core/change/surveyYear';
import type { Finding } from '../../core/types';
import { opt, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, printFindings, readFeatures } from '../load';
import type { Command } from './index';
import { textTable } from './summary';

const usage = `farmland change --before A --after B | --changes C [options]

Year-on-year change (年度变更): transition matrix by 地类, 耕地 inflow/outflow per region, 进出平衡, 以补定占
(net increase of stably used 耕地, fed to the ledger), 撂荒 recovered/abandoned, 非农化 pieces.
  --before A --after B   two vintages of the same area (DLTB: DLBM, KCXS, ZZSXDM, GDDJ, ZLDWDM), any format
                         the importer reads; overlaid exactly on the CGCS2000 ellipsoid
  --changes C            one change layer with paired fields BGQDLBM/BGHDLBM, BGQKCXS/BGHKCXS, BGQZZSXDM/BGHZZSXDM,
                         BGQGDDJ/BGHGDDJ, BGMJ (aliases before_dlbm/after_dlbm, … see docs/change.md)
  --region CODE          only pieces whose 坐落单位代码 starts with CODE
  --level L              per-region tables at county | township (default) | village
  --sliver M2            sliver tolerance in m² (default ${DEFAULT_SLIVER_M2}): smaller pieces are listed, never dropped
  --year Y               year of the after vintage for the 以补定占 ledger (default: its SJNF field)
  --hs-before H1 --hs-after H2  高标准农田 layers of both vintages: any 高标准农田 of H1 outside H2 is flagged
                         (严禁擅自占用) with its area and project parcels
  --json | --csv         JSON report / CSV transition matrix on stdout;  --xlsx OUT  every table as a workbook
  --epsg CODE --encoding ENC  as for the other commands
Areas are 地类面积 (polygon area × (1 − KCXS)); 田坎 appears as 1203. See docs/change.md.
`;

const LEVELS: readonly RegionLevel[] = ['county', 'township', 'village'];

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const beforePath = opt(args, 'before');
  const afterPath = opt(args, 'after');
  const changesPath = opt(args, 'changes');
  if (changesPath !== undefined && (beforePath !== undefined || afterPath !== undefined)) throw new UsageError(`give --before A --after B or --changes C, not both\n\n${usage}`);
  if (changesPath === undefined && (beforePath === undefined || afterPath === undefined)) throw new UsageError(`change needs --before A --after B, or --changes C\n\n${usage}`);
  if (args.flags.has('json') && args.flags.has('csv')) throw new UsageError('choose one of --json and --csv');
  const levelArg = opt(args, 'level') ?? 'township';
  if (!(LEVELS as readonly string[]).includes(levelArg)) throw new UsageError(`--level takes county, township or village, got "${levelArg}"`);
  const sliverArg = opt(args, 'sliver');
  const sliverM2 = sliverArg === undefined ? DEFAULT_SLIVER_M2 : Number(sliverArg);
  if (!Number.isFinite(sliverM2) || sliverM2 < 0) throw new UsageError(`--sliver takes a non-negative area in m², got "${sliverArg}"`);
  const yearArg = opt(args, 'year');
  if (yearArg !== undefined && !/^\d{4}$/.test(yearArg)) throw new UsageError(`--year takes a year such as 2024, got "${yearArg}"`);
  const region = opt(args, 'region');
  const hsBeforePath = opt(args, 'hs-before');
  const hsAfterPath = opt(args, 'hs-after');
  if ((hsBeforePath === undefined) !== (hsAfterPath === undefined)) throw new UsageError('the 高标准农田 loss check needs both --hs-before and --hs-after');

  const findings: Finding[] = [];
  const inputs: InputFileMeta[] = [];
  let pieces: ChangePieces;
  try {
    if (changesPath !== undefined) {
      const read = await readFeatures(changesPath, io, args);
      findings.push(...read.findings);
      pieces = piecesFromChangeLayer(read.file, read.features, { sliverM2 });
      inputs.push({ file: read.file, role: 'change layer', features: pieces.count });
    } else {
      const rb = await readFeatures(beforePath as string, io, args);
      const ra = await readFeatures(afterPath as string, io, args);
      findings.push(...rb.findings, ...ra.findings);
      const b = loadVintage(rb.file, rb.features, '前期 before');
      const a = loadVintage(ra.file, ra.features, '后期 after');
      findings.push(...b.findings, ...a.findings);
      inputs.push({ file: rb.file, role: 'before vintage', features: b.layer.parcels.length }, { file: ra.file, role: 'after vintage', features: a.layer.parcels.length });
      let last = 0;
      pieces = overlayVintages(b.layer, a.layer, {
        sliverM2,
        onProgress: (done, total) => {
          if (total >= 20000 && done - last >= total / 10) {
            last = done;
            io.stderr(`叠加 overlay ${done}/${total}\n`);
          }
        },
      });
    }
  } catch (err) {
    return exitOnInputError(err, findings, io);
  }
  let hsLoss: HighStandardLoss | null = null;
  if (hsBeforePath !== undefined && hsAfterPath !== undefined) {
    try {
      const hb = await readFeatures(hsBeforePath, io, args);
      const ha = await readFeatures(hsAfterPath, io, args);
      findings.push(...hb.findings, ...ha.findings);
      const lb = loadLayerFromFeatures('high-standard', hb.file, hb.features);
      const la = loadLayerFromFeatures('high-standard', ha.file, ha.features);
      findings.push(...lb.findings, ...la.findings);
      inputs.push({ file: hb.file, role: 'high-standard before', features: lb.layer.parcels.length }, { file: ha.file, role: 'high-standard after', features: la.layer.parcels.length });
      hsLoss = highStandardLossOf(lb.layer, la.layer, { region });
    } catch (err) {
      return exitOnInputError(err, findings, io);
    }
  }
  findings.push(...pieces.findings);
  printFindings(findings, io);
  if (pieces.count === 0 && findings.some((f) => f.severity === 'error')) return EXIT.findings;
  const report = changeReport(pieces, { region, level: levelArg as RegionLevel });
  const year = yearArg !== undefined ? Number(yearArg) : surveyYear(pieces);
  const meta = buildMetadata({ inputs, now: io.now(), region, notes: report.rules });
  const extras = { year, hsLoss, findings: findings.length };
  const xlsxOut = opt(args, 'xlsx');
  if (xlsxOut !== undefined) {
    await io.writeFile(xlsxOut, await changeDocument('xlsx', report, extras, meta));
    io.stderr(`已写入 / wrote ${xlsxOut}\n`);
  }
  if (args.flags.has('json')) io.stdout(await changeDocument('json', report, extras, meta));
  else if (args.flags.has('csv')) io.stdout(await changeDocument('csv', report, extras, meta));
  else {
    const f = (m2: number) => formatNumber(m2ToMu(m2), 2);
    const name = (c: string) => LEVEL1_NAMES[c] ?? c;
    io.stdout(`年度变更（亩，地类面积）${region ? ` 区域 ${region}` : ''}\n\n一级地类转移矩阵：\n`);
    io.stdout(textTable(['前期', '后期', '亩'], report.matrixLevel1.filter((c) => c.from !== c.to).map((c) => [`${c.from} ${name(c.from)}`, `${c.to} ${name(c.to)}`, f(c.areaM2)])));
    const c = report.cultivated;
    io.stdout(`\n耕地：前期 ${f(c.beforeM2)}，后期 ${f(c.afterM2)}；流入 ${f(c.inflowM2)}，流出 ${f(c.outflowM2)}，净变化 ${f(c.netM2)}\n`);
    const b = report.balanceTotal;
    io.stdout(`进出平衡：出 ${f(b.out.areaM2)}（等级 ${b.out.gddj?.toFixed(2) ?? '—'}），进 ${f(b.in.areaM2)}（等级 ${b.in.gddj?.toFixed(2) ?? '—'}）— ${b.text}\n`);
    io.stdout(`以补定占：稳定利用耕地净增加 ${f(report.stableTotal.netM2)}（增加 ${f(report.stableTotal.gainedM2)}，减少 ${f(report.stableTotal.lostM2)}）\n`);
    io.stdout(`撂荒：恢复 ${f(report.abandonedTotal.recoveredM2)}，新增 ${f(report.abandonedTotal.abandonedM2)}\n`);
    if (hsLoss) io.stdout(highStandardLossText(hsLoss));
    io.stdout(`非农化：${report.nonAgricultural.length} 块，${f(report.nonAgricultural.reduce((s, p) => s + p.areaM2, 0))}\n`);
    if (report.slivers.count > 0) io.stdout(`碎片：${report.slivers.count} 块小于 ${report.slivers.toleranceM2} m²，合计 ${report.slivers.totalM2.toFixed(3)} m²（已计入）\n`);
    if (report.reconciliation) {
      const r = report.reconciliation;
      io.stdout(`核对：行合计 ${r.rowsM2.toFixed(2)} m² = 前期 ${r.beforeTotalM2.toFixed(2)} m²；列合计 ${r.columnsM2.toFixed(2)} m² = 后期 ${r.afterTotalM2.toFixed(2)} m²\n`);
    }
  }
  return findings.some((x) => x.severity === 'error') ? EXIT.findings : EXIT.ok;
}

export const changeCommand: Command = { summary: '年度变更: transition matrix, 耕地 flows, 进出平衡, 以补定占', usage, run };
