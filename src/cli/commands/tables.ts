/**
 * `farmland tables` — the standard 汇总表 (core: report/standardTables.ts; layout in docs/summary-tables.md) as XLSX
 * sheets and/or CSV files, optionally after 控制面积平差.
 */
import { adjustLayer, DEFAULT_ADJUSTMENT_TOLERANCE } from '../../core/analysis/adjustment';
import { controlUnitsFromFeatures } from '../../core/analysis/controlUnits';
import { AREA_BASIS_LABEL, type AreaBasis, DEFAULT_AREA_BASIS, parseAreaBasis } from '../../core/area/netArea';
import { csvTable } from '../../core/report/csv';
import { buildMetadata, type InputFileMeta, metadataRows } from '../../core/report/metadata';
import { writeXlsx } from '../../core/report/xlsx';
import { loadLayerFromFeatures } from '../../core/engine/loadLayer';
import type { Layer } from '../../core/layers/layer';
import { standardTables } from '../../core/report/standardTables';
import type { Finding } from '../../core/types';
import { opt, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, InputError, printFindings, readFeatures } from '../load';
import type { Command } from './index';
import { badBasis } from './summary';

const usage = `farmland tables --layer FILE [--units FILE] [--adjust] [--tolerance R] [--area-basis net|polygon]
                [--xlsx OUT] [--csv-out PREFIX] [--epsg CODE] [--encoding ENC]

The standard summary tables (汇总表, docs/summary-tables.md): 土地利用现状 by 一级/二级 地类 (田坎 1203 its own
column), 耕地 by 坡度级 (梯田/坡地), by 质量等级 GDDJ and by 等别 GDDB; rows county → township → village; 公顷 and
亩 with two decimals, rounded so that every row, column and unit adds up exactly.
  --units FILE     boundary layer (XZQDM/XZQMC): names of the units; with --adjust, their control areas
  --adjust         控制面积平差 to the --units first (units over --tolerance are left unadjusted and reported)
  --xlsx OUT       one workbook, eight sheets + 元数据
  --csv-out PREFIX one CSV per table: PREFIX-土地利用现状(公顷).csv …
Without --xlsx / --csv-out the 公顷 土地利用现状 table goes to stdout as CSV.
`;

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const layerPath = opt(args, 'layer');
  if (!layerPath) throw new UsageError(`tables needs --layer FILE\n\n${usage}`);
  const basisArg = opt(args, 'area-basis');
  const basis: AreaBasis = basisArg === undefined ? DEFAULT_AREA_BASIS : (parseAreaBasis(basisArg) ?? badBasis(basisArg));
  const unitsPath = opt(args, 'units');
  const adjust = args.flags.has('adjust');
  if (adjust && unitsPath === undefined) throw new UsageError('--adjust needs --units FILE (the control units)');
  const tolText = opt(args, 'tolerance');
  const tolerance = tolText === undefined ? DEFAULT_ADJUSTMENT_TOLERANCE : Number(tolText);
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError(`--tolerance takes a non-negative relative difference, got "${tolText}"`);
  const findings: Finding[] = [];
  const inputs: InputFileMeta[] = [];
  const notes: string[] = [
    `耕地按${AREA_BASIS_LABEL[basis].zh}汇总；土地利用现状按地类面积，田坎（1203）单列 / 耕地 on the ${AREA_BASIS_LABEL[basis].en}; land use on 地类面积 with 田坎 1203 as its own class`,
    '单元格经受控舍入（二维最大余数法），行、列及上下级合计精确相等 / controlled rounding: rows, columns and units add up exactly',
  ];
  let layer: Layer;
  const names = new Map<string, string>();
  try {
    const read = await readFeatures(layerPath, io, args);
    findings.push(...read.findings);
    if (read.findings.some((x) => x.severity === 'error')) throw new InputError(`${read.file}: 无法读取 / cannot be read`);
    layer = loadLayerFromFeatures('cultivated', read.file, read.features).layer;
    inputs.push({ file: read.file, role: 'layer', features: layer.parcels.length });
    if (unitsPath !== undefined) {
      const ur = await readFeatures(unitsPath, io, args);
      if (ur.findings.some((x) => x.severity === 'error')) throw new InputError(`${ur.file}: 无法读取 / cannot be read`);
      const u = controlUnitsFromFeatures(ur.features, ur.file);
      findings.push(...u.findings);
      inputs.push({ file: ur.file, role: 'control-units' });
      for (const unit of u.units) if (unit.name) names.set(unit.code.replace(/0+$/, '').length <= 6 ? unit.code.slice(0, 6) : unit.code, unit.name);
      if (adjust) {
        const r = adjustLayer(layer, u.units.filter((x) => x.code.length > 6), { tolerance });
        layer = r.layer;
        const flagged = r.units.filter((x) => x.flagged);
        for (const x of flagged) io.stderr(`警告 warning: 单元 ${x.code} 图斑面积之和与控制面积相差 ${(x.relDiff * 100).toFixed(4)}%，未平差 / over the tolerance: not adjusted\n`);
        notes.push(`控制面积平差：${r.units.length - flagged.length} 个单元已平差，${flagged.length} 个超限未平差（容差 ${tolerance}） / adjusted units and units over the tolerance`);
      }
    }
  } catch (err) {
    return exitOnInputError(err, findings, io);
  }
  printFindings(findings, io);
  const tables = standardTables(layer, { basis, names });
  const meta = buildMetadata({ inputs, now: io.now(), notes, basis });
  const xlsxOut = opt(args, 'xlsx');
  const csvOut = opt(args, 'csv-out');
  if (xlsxOut !== undefined) {
    await io.writeFile(xlsxOut, await writeXlsx(tables, meta));
    io.stderr(`已写入 / wrote ${xlsxOut}\n`);
  }
  if (csvOut !== undefined)
    for (const t of tables) {
      const path = `${csvOut}-${t.name}.csv`;
      await io.writeFile(path, new TextEncoder().encode(csvTable(t, metadataRows(meta))));
      io.stderr(`已写入 / wrote ${path}\n`);
    }
  if (xlsxOut === undefined && csvOut === undefined) io.stdout(csvTable(tables[0], metadataRows(meta)));
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

export const tablesCommand: Command = { summary: '汇总表: land use by 地类 × 行政区, 耕地 by slope / grade / 等别 (XLSX, CSV)', usage, run };
