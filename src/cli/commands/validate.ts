import { isLayerKind, LAYER_KIND_IDS } from '../../core/layers/kinds';
import type { Finding, LayerKind } from '../../core/types';
import { validateFeatures } from '../../core/validate/validate';
import { type ParsedArgs, UsageError, opt } from '../args';
import { type CliIO, EXIT } from '../io';
import { InputError, readFeatures } from '../load';
import type { Command } from './index';

const usage = `farmland validate FILE… [--kind KIND] [--tolerance REL] [--epsg CODE] [--encoding ENC] [--json]

Reads each file like every command (GeoJSON, zipped Shapefile, .shp; FILE.zip#NAME picks a layer; --epsg and
--encoding as in "farmland info") and checks it: structure (geojson-validation), geometry (Polygon/MultiPolygon, closed rings of ≥ 4
positions, finite lon/lat in range, self-intersection, duplicate ids, coordinates that look projected),
attributes (GDPDJB 1–5, GDDJ 1–10, GDDB 1–15; DLBM a 耕地 code with --kind cultivated), declared area
(TBMJ / YJJBNTTBMJ vs ellipsoidal area: warning beyond REL, default 0.01, and 1 m²) and overlaps (warnings).
Feature numbers are 0-based indices into the file's features.

--kind KIND   layer kind (${LAYER_KIND_IDS.join(', ')}); without it, kind-specific checks are skipped
--json        stdout: {"files":[{"file","path","features","errors","warnings","findings":[…]}]}
Exit: 0 no errors (warnings allowed) · 1 errors in the data · 2 unreadable file or usage.
`;

export interface FileReport {
  file: string;
  path: string;
  features: number;
  errors: number;
  warnings: number;
  /** The file could not be read or parsed as GeoJSON. */
  unreadable: boolean;
  findings: Finding[];
}

async function validateFile(path: string, kind: LayerKind | undefined, tolerance: number | undefined, args: ParsedArgs, io: CliIO): Promise<FileReport> {
  let read: Awaited<ReturnType<typeof readFeatures>>;
  try {
    read = await readFeatures(path, io, args);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const finding: Finding = { severity: 'error', code: 'io.read', message: err.message, file: path };
    return { file: path, path, features: 0, errors: 1, warnings: 0, unreadable: true, findings: [finding] };
  }
  const v = validateFeatures(read.features, { file: read.file, kind, areaTolerance: tolerance });
  const findings = [...read.findings, ...v.findings];
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  // Unreadable: the reader failed and handed over nothing to check (empty, binary, not JSON, unknown CRS …).
  const unreadable = read.features.length === 0 && read.findings.some((f) => f.severity === 'error');
  return { file: read.file, path, features: read.features.length, errors, warnings, unreadable, findings };
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const paths = args.positionals;
  if (paths.length === 0) throw new UsageError(`validate needs at least one FILE\n\n${usage}`);
  const kindArg = opt(args, 'kind');
  if (kindArg !== undefined && !isLayerKind(kindArg)) throw new UsageError(`unknown layer kind "${kindArg}" (kinds: ${LAYER_KIND_IDS.join(', ')})`);
  const kind = kindArg as LayerKind | undefined;
  const tolArg = opt(args, 'tolerance');
  const tolerance = tolArg === undefined ? undefined : Number(tolArg);
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0 && tolerance < 1))
    throw new UsageError(`--tolerance takes a relative tolerance from 0 to below 1 (e.g. 0.01 for 1 %), got "${tolArg}"`);

  const reports: FileReport[] = [];
  for (const path of paths) reports.push(await validateFile(path, kind, tolerance, args, io));

  if (args.flags.has('json')) {
    const files = reports.map((r) => ({ file: r.file, path: r.path, features: r.features, errors: r.errors, warnings: r.warnings, findings: r.findings }));
    io.stdout(`${JSON.stringify({ kind: kind ?? null, files }, null, 2)}\n`);
  } else {
    for (const r of reports) {
      for (const f of r.findings) io.stderr(`${f.severity === 'error' ? '错误 error' : '警告 warning'} [${f.code}] ${f.message}\n`);
    }
    let features = 0;
    let errors = 0;
    let warnings = 0;
    for (const r of reports) {
      features += r.features;
      errors += r.errors;
      warnings += r.warnings;
    }
    const verdict = errors === 0 ? (warnings === 0 ? '通过 ok' : '通过（有警告） ok with warnings') : '未通过 failed';
    io.stderr(
      `validate: ${reports.length} 个文件 ${features} 个要素，${errors} 个错误，${warnings} 个警告 — ${verdict} / ${reports.length} file(s), ${features} feature(s), ${errors} error(s), ${warnings} warning(s)\n`,
    );
  }
  if (reports.some((r) => r.unreadable)) return EXIT.usage;
  return reports.some((r) => r.errors > 0) ? EXIT.findings : EXIT.ok;
}

export const validateCommand: Command = { summary: 'check GeoJSON structure, geometry, attributes, declared area and overlaps', usage, run };
