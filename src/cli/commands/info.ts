import { datumZh, crsFromEpsg } from '../../core/io/crs';
import type { ImportLayer, ImportResult } from '../../core/io/readAny';
import { kindDisplayName } from '../../core/layers/displayName';
import { type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { importFile, exitOnInputError, printFindings, readOptionsFromArgs } from '../load';
import type { Command } from './index';

const usage = `farmland info FILE [--epsg CODE] [--encoding ENC] [--json]

What a file holds, as the importer reads it: detected coordinate system (EPSG code and name, and where it came
from), attribute encoding (and how it was decided), feature count, bbox in lon/lat and in the file's own
coordinates, fields with their 中文 labels, and the guessed layer kind. FILE: .zip (Shapefile, or a zipped .gdb
File Geodatabase), .shp, .geojson, .gpkg (GeoPackage), a .gdb folder. A file with several layers lists each, with
alias, geometry type and the 三调 table it was recognised as.
--json → {"file","layers":[{"name","format","feature_count","crs","encoding","bbox","native_bbox","fields","guessed_kind","findings"}],"findings"}
`;

const round = (b: number[] | undefined, d: number): number[] | undefined => b?.map((v) => Number(v.toFixed(d)));

function layerJson(l: ImportLayer) {
  return {
    name: l.name,
    path: l.path,
    format: l.format,
    alias: l.alias ?? null,
    geometry_type: l.geometryType ?? null,
    standard_table: l.standardTable ?? null,
    feature_count: l.featureCount,
    crs: l.crs ? { epsg: l.crs.epsg ?? null, name: l.crs.name, source: l.crs.source, proj4: l.crs.proj4, datum_warning: l.crs.datumWarning ?? null } : null,
    encoding: l.encoding ? { encoding: l.encoding.encoding, source: l.encoding.source, detail: l.encoding.detail } : null,
    bbox: l.bbox ?? null,
    native_bbox: l.nativeBBox ?? null,
    fields: l.fields.map((f) => ({ name: f.name, type: f.type, length: f.length ?? null, decimals: f.decimals ?? null, label_zh: f.labelZh ?? null, ...(f.alias ? { alias: f.alias } : {}), ...(f.domain ? { domain: f.domain } : {}), ...(f.resolvedFrom ? { resolved_from: f.resolvedFrom } : {}) })),
    guessed_kind: l.guessedKind ?? null,
    findings: l.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message })),
  };
}

const SOURCE_ZH: Record<string, string> = {
  option: '命令行指定 / --epsg',
  prj: '.prj',
  'geojson-crs': 'GeoJSON crs',
  rfc7946: 'GeoJSON RFC 7946 (WGS 84 lon/lat)',
  assumed: '推定 / assumed',
  cpg: '.cpg',
  ldid: 'DBF 语言驱动 / language driver byte',
  detected: '自动识别 / detected',
  dataset: '数据库自带 / from the GeoPackage or FileGDB',
  format: '格式规定 / fixed by the format',
};

function layerText(l: ImportLayer): string {
  const lines: string[] = [];
  lines.push(`图层 layer: ${l.name}${l.alias ? ` 「${l.alias}」` : ''} (${l.format}${l.geometryType ? ` ${l.geometryType}` : ''}, ${l.path})`);
  if (l.standardTable) lines.push(`  标准表 standard table: ${l.standardTable}`);
  lines.push(`  要素 features: ${l.featureCount}`);
  if (l.crs) {
    const def = l.crs.epsg !== undefined ? crsFromEpsg(l.crs.epsg) : undefined;
    lines.push(
      `  坐标系 CRS: ${l.crs.epsg !== undefined ? `EPSG:${l.crs.epsg} ` : '(无 EPSG 代码 / no EPSG code) '}${l.crs.name}` +
        `${def ? ` — ${datumZh(def.datum)}` : ''} [${SOURCE_ZH[l.crs.source] ?? l.crs.source}]`,
    );
  } else lines.push('  坐标系 CRS: 未知 / unknown');
  if (l.encoding) lines.push(`  编码 encoding: ${l.encoding.encoding} [${SOURCE_ZH[l.encoding.source]}: ${l.encoding.detail}]`);
  if (l.bbox) lines.push(`  范围 bbox (lon/lat): ${round(l.bbox, 6)?.join(', ')}`);
  if (l.nativeBBox) lines.push(`  范围 bbox (native): ${round(l.nativeBBox, 3)?.join(', ')}`);
  lines.push(`  字段 fields (${l.fields.length}):`);
  for (const f of l.fields)
    lines.push(`    ${f.name.padEnd(12)} ${f.type}${f.length !== undefined ? `(${f.length}${f.decimals ? `,${f.decimals}` : ''})` : ''}${f.labelZh ? `  ${f.labelZh}` : ''}${f.alias ? `  「${f.alias}」` : ''}${f.domain ? `  值域 domain ${f.domain}` : ''}${f.resolvedFrom ? `  (${f.resolvedFrom} 的值域说明 / ${f.resolvedFrom} decoded)` : ''}`);
  lines.push(`  图层类型 kind: ${l.guessedKind ? `${l.guessedKind} (${kindDisplayName(l.guessedKind)})` : '无法判断，使用时请用 --kind 指定 / unknown: give --kind when using it'}`);
  return lines.join('\n');
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const path = args.positionals[0];
  if (!path) throw new UsageError(`info needs a FILE\n\n${usage}`);
  let result: ImportResult;
  try {
    result = await importFile(path, io, readOptionsFromArgs(args));
  } catch (err) {
    return exitOnInputError(err, [], io);
  }
  const all = [...result.findings, ...result.layers.flatMap((l) => l.findings)];
  const failed = all.some((f) => f.severity === 'error');
  if (args.flags.has('json')) {
    io.stdout(
      `${JSON.stringify({ file: result.file, layers: result.layers.map(layerJson), findings: result.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message })) }, null, 2)}\n`,
    );
  } else {
    io.stdout(`${result.file}: ${result.layers.length} 个图层 / layer(s)\n`);
    for (const l of result.layers) io.stdout(`${layerText(l)}\n`);
  }
  printFindings(all, io);
  return failed ? EXIT.usage : EXIT.ok;
}

export const infoCommand: Command = { summary: 'what a file holds: CRS, encoding, features, bbox, fields, kind', usage, run };
