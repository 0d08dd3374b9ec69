import { geometryArea } from '../../core/area/area';
import { parcelNetFactor } from '../../core/area/netArea';
import { geometryAreaSurvey } from '../../core/area/surveyArea';
import { m2ToMu } from '../../core/area/units';
import { parcelId } from '../../core/layers/layer';
import { readAttrs } from '../../core/layers/fields';
import type { AreaGeometry, AreaMethod } from '../../core/types';
import { type ParsedArgs, UsageError, opt } from '../args';
import { csvDocument } from '../csvOut';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, printFindings, readFeatures } from '../load';
import type { Command } from './index';

const usage = `farmland area FILE [--method ellipsoidal|survey|spherical] [--json|--csv] [--epsg CODE] [--encoding ENC]

Area of every Polygon/MultiPolygon feature. Ellipsoidal (CGCS2000, exact along edges straight in lon/lat) by
default; survey = the 二调/三调 procedure (国土调查办发〔2008〕32号 trapezoid series, docs/survey-area.md).
Beside each 图斑面积 (area_m2) its 地类面积 (net_m2 = area × TBDLMJ/TBMJ, else × (1 − KCXS), else = area).
--json → {"method","basis":"net","features":[{"index","id","area_m2","area_mu","net_m2","net_mu"}],"total_m2","total_mu","net_total_m2","net_total_mu"}
`;

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const path = args.positionals[0];
  if (!path) throw new UsageError(`area needs a FILE\n\n${usage}`);
  const methodArg = opt(args, 'method') ?? 'ellipsoidal';
  if (methodArg !== 'ellipsoidal' && methodArg !== 'spherical' && methodArg !== 'survey') throw new UsageError(`--method must be ellipsoidal, survey or spherical, got "${methodArg}"`);
  const method: AreaMethod | 'survey' = methodArg;
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
  const rows: { index: number; id: string; area_m2: number; area_mu: number; net_m2: number; net_mu: number }[] = [];
  let total = 0;
  let netTotal = 0;
  read.features.forEach((f, index) => {
    const feat = f as { id?: unknown; geometry?: { type?: string }; properties?: unknown } | null;
    const g = feat?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return;
    const a = method === 'survey' ? geometryAreaSurvey(g as AreaGeometry) : geometryArea(g as AreaGeometry, method);
    if (!Number.isFinite(a)) return;
    const attrs = readAttrs(feat?.properties);
    const net = a * parcelNetFactor(attrs);
    total += a;
    netTotal += net;
    rows.push({ index, id: parcelId(attrs.id, feat?.id, index), area_m2: a, area_mu: m2ToMu(a), net_m2: net, net_mu: m2ToMu(net) });
  });
  if (args.flags.has('json')) {
    io.stdout(
      `${JSON.stringify({ method, basis: 'net', file: read.file, features: rows, total_m2: total, total_mu: m2ToMu(total), net_total_m2: netTotal, net_total_mu: m2ToMu(netTotal) }, null, 2)}\n`,
    );
  } else if (args.flags.has('csv')) {
    io.stdout(csvDocument(['index', 'id', 'area_m2', 'area_mu', 'net_m2', 'net_mu'], rows.map((r) => [r.index, r.id, r.area_m2, r.area_mu, r.net_m2, r.net_mu])));
  } else {
    io.stdout(`${read.file}: ${rows.length} polygons, ${method}\n`);
    io.stdout(`total ${total.toFixed(2)} m² = ${m2ToMu(total).toFixed(4)} 亩 (图斑面积); 地类面积 ${netTotal.toFixed(2)} m² = ${m2ToMu(netTotal).toFixed(4)} 亩\n`);
  }
  return EXIT.ok;
}

export const areaCommand: Command = { summary: 'area of each polygon (ellipsoidal, survey or spherical), 图斑面积 and 地类面积', usage, run };
