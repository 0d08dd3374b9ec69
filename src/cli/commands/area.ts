import { geometryArea } from '../../core/area/area';
import { m2ToMu } from '../../core/area/units';
import { parcelId } from '../../core/layers/layer';
import { readAttrs } from '../../core/layers/fields';
import type { AreaGeometry, AreaMethod } from '../../core/types';
import { type ParsedArgs, UsageError, opt } from '../args';
import { csvDocument } from '../csvOut';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, printFindings, readFeatures } from '../load';
import type { Command } from './index';

const usage = `farmland area FILE [--method ellipsoidal|spherical] [--json|--csv] [--epsg CODE] [--encoding ENC]

Area of every Polygon/MultiPolygon feature. Ellipsoidal (CGCS2000, the survey method) by default.
--json → {"method","features":[{"index","id","area_m2","area_mu"}],"total_m2","total_mu"}
`;

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const path = args.positionals[0];
  if (!path) throw new UsageError(`area needs a FILE\n\n${usage}`);
  const methodArg = opt(args, 'method') ?? 'ellipsoidal';
  if (methodArg !== 'ellipsoidal' && methodArg !== 'spherical') throw new UsageError(`--method must be ellipsoidal or spherical, got "${methodArg}"`);
  const method: AreaMethod = methodArg;
  let read: Awaited<ReturnType<typeof readFeatures>>;
  try {
    read = await readFeatures(path, io, args);
  } catch (err) {
    return exitOnInputError(err, [], io);
  }
  if (read.findings.some((f) => f.severity === 'error')) {
    printFindings(read.findings, io);
    return EXIT.usage;
  }
  const rows: { index: number; id: string; area_m2: number; area_mu: number }[] = [];
  let total = 0;
  read.features.forEach((f, index) => {
    const feat = f as { id?: unknown; geometry?: { type?: string }; properties?: unknown } | null;
    const g = feat?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return;
    const a = geometryArea(g as AreaGeometry, method);
    if (!Number.isFinite(a)) return;
    total += a;
    rows.push({ index, id: parcelId(readAttrs(feat?.properties).id, feat?.id, index), area_m2: a, area_mu: m2ToMu(a) });
  });
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ method, file: read.file, features: rows, total_m2: total, total_mu: m2ToMu(total) }, null, 2)}\n`);
  } else if (args.flags.has('csv')) {
    io.stdout(csvDocument(['index', 'id', 'area_m2', 'area_mu'], rows.map((r) => [r.index, r.id, r.area_m2, r.area_mu])));
  } else {
    io.stdout(`${read.file}: ${rows.length} polygons, ${method}\n`);
    io.stdout(`total ${total.toFixed(2)} m² = ${m2ToMu(total).toFixed(4)} 亩\n`);
  }
  return EXIT.ok;
}

export const areaCommand: Command = { summary: 'area of each polygon (ellipsoidal or spherical)', usage, run };
