/**
 * `farmland adjust` — control-area adjustment (控制面积平差) of a 地类图斑 layer to the units of a boundary layer
 * (core: analysis/adjustment.ts). Prints the per-unit report; --geojson writes the parcels with the adjusted area.
 */
import { adjustLayer, adjustmentTable, DEFAULT_ADJUSTMENT_TOLERANCE } from '../../core/analysis/adjustment';
import { controlUnitsFromFeatures, type UnitLevel } from '../../core/analysis/controlUnits';
import { csvTable } from '../../core/report/csv';
import { jsonDocument } from '../../core/report/json';
import { buildMetadata, metadataRows } from '../../core/report/metadata';
import { writeXlsx } from '../../core/report/xlsx';
import { loadLayerFromFeatures } from '../../core/engine/loadLayer';
import type { Finding } from '../../core/types';
import { opt, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, InputError, printFindings, readFeatures } from '../load';
import type { Command } from './index';
import { textTable } from './summary';

const usage = `farmland adjust --layer FILE --units FILE [--level township|village|county] [--tolerance R]
                [--json | --csv] [--xlsx OUT] [--epsg CODE] [--encoding ENC]

Control-area adjustment (控制面积平差): the parcels of FILE (the complete 地类图斑 coverage, all land classes) are
assigned to the units of --units (by ZLDWDM code prefix; parcels without a code by boundary), each unit's control
area is its ellipsoidal area, and the parcel areas are scaled to it and rounded to 0.01 m² by largest remainder,
so Σ parcels = control area to the cent. Per unit: control area, Σ before, difference (m², relative), and a flag
when |relative difference| > --tolerance (default ${DEFAULT_ADJUSTMENT_TOLERANCE}): gaps or overlaps in the data.
  --level L   keep only the units of that level from --units (a basemap with county and townships)
Exit: 0 ok · 1 units over the tolerance or errors in the data · 2 usage or unreadable input.
`;

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const layerPath = opt(args, 'layer');
  const unitsPath = opt(args, 'units');
  if (!layerPath || !unitsPath) throw new UsageError(`adjust needs --layer FILE and --units FILE\n\n${usage}`);
  const levelArg = opt(args, 'level');
  if (levelArg !== undefined && levelArg !== 'county' && levelArg !== 'township' && levelArg !== 'village') throw new UsageError(`--level takes county, township or village, got "${levelArg}"`);
  const level = levelArg as UnitLevel | undefined;
  const tolText = opt(args, 'tolerance');
  const tolerance = tolText === undefined ? DEFAULT_ADJUSTMENT_TOLERANCE : Number(tolText);
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError(`--tolerance takes a non-negative relative difference (e.g. 0.0001), got "${tolText}"`);
  const findings: Finding[] = [];
  let layerFile: string;
  let unitsFile: string;
  let result: ReturnType<typeof adjustLayer>;
  try {
    const read = await readFeatures(layerPath, io, args);
    findings.push(...read.findings);
    if (read.findings.some((x) => x.severity === 'error')) throw new InputError(`${read.file}: 无法读取 / cannot be read`);
    const loaded = loadLayerFromFeatures('cultivated', read.file, read.features);
    findings.push(...loaded.findings);
    layerFile = read.file;
    const ur = await readFeatures(unitsPath, io, args);
    findings.push(...ur.findings);
    if (ur.findings.some((x) => x.severity === 'error')) throw new InputError(`${ur.file}: 无法读取 / cannot be read`);
    unitsFile = ur.file;
    const u = controlUnitsFromFeatures(ur.features, ur.file, level ? { level } : {});
    findings.push(...u.findings);
    if (u.units.length === 0) throw new InputError(`${ur.file}: 没有可用的区划单元（需面要素与 XZQDM 等代码字段） / no usable units (polygons with an XZQDM-like code)`);
    result = adjustLayer(loaded.layer, u.units, { tolerance });
  } catch (err) {
    return exitOnInputError(err, findings, io);
  }
  printFindings(findings, io);
  for (const u of result.units.filter((x) => x.flagged))
    io.stderr(`警告 warning: ${unitsFile} 单元 ${u.code}${u.name ? ` ${u.name}` : ''}：图斑面积之和与控制面积相差 ${u.diffM2.toFixed(2)} m²（${(u.relDiff * 100).toFixed(4)}%），超过容差 ${tolerance} / parcels differ from the control area beyond the tolerance\n`);
  if (result.unassigned.length) io.stderr(`警告 warning: ${layerFile} 有 ${result.unassigned.length} 个图斑不属于任何单元，未平差 / parcels outside every unit, not adjusted: ${result.unassigned.slice(0, 10).join(', ')}${result.unassigned.length > 10 ? ' …' : ''}\n`);
  const meta = buildMetadata({
    inputs: [{ file: layerFile, role: 'layer', features: result.layer.parcels.length }, { file: unitsFile, role: 'control-units' }],
    now: io.now(),
    notes: [`控制面积平差：按比例调整后以最大余数法取至 0.01 平方米，容差 ${tolerance}（相对） / proportional, largest remainder to 0.01 m², tolerance ${tolerance} relative`],
  });
  const table = adjustmentTable(result);
  const xlsxOut = opt(args, 'xlsx');
  if (xlsxOut !== undefined) {
    await io.writeFile(xlsxOut, await writeXlsx([table], meta));
    io.stderr(`已写入 / wrote ${xlsxOut}\n`);
  }
  if (args.flags.has('json'))
    io.stdout(
      jsonDocument(
        {
          tolerance,
          units: result.units.map((u) => ({
            code: u.code, name: u.name, parcels: u.parcels, parcels_by_boundary: u.parcelsByBoundary, control_m2: u.controlM2, sum_before_m2: u.sumBeforeM2,
            sum_after_m2: u.sumAfterM2, diff_m2: u.diffM2, rel_diff: u.relDiff, flagged: u.flagged,
          })),
          unassigned: result.unassigned,
        },
        meta,
      ),
    );
  else if (args.flags.has('csv')) io.stdout(csvTable(table, metadataRows(meta)));
  else
    io.stdout(
      `控制面积平差 · 容差 ${tolerance}\n${textTable(
        table.columns.map((c) => c.header),
        table.rows.map((r) => r.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(typeof v === 'number' && Math.abs(v) < 1 && v !== 0 ? 6 : 2)) : String(v ?? '')))),
      )}`,
    );
  return findings.some((f) => f.severity === 'error') || result.units.some((u) => u.flagged) ? EXIT.findings : EXIT.ok;
}

export const adjustCommand: Command = { summary: '控制面积平差: parcel areas adjusted to each unit’s control area (to 0.01 m²)', usage, run };
