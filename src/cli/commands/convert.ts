import { type ParsedArgs, UsageError, opt } from '../args';
import { type CliIO, EXIT } from '../io';
import { importOneLayer } from '../load';
import type { Command } from './index';

const usage = `farmland convert FILE --to geojson [--epsg CODE] [--encoding ENC] [--layer NAME] [-o OUT]

Convert a zipped Shapefile / .shp / GeoJSON to RFC 7946 GeoJSON: lon/lat (CGCS2000 ≈ WGS 84), attributes
decoded, outer rings counter-clockwise. Written to stdout, or to OUT with -o. A zip with several layers needs
--layer NAME (the error lists the names). Warnings (e.g. Xi'an 80 / Beijing 54 datum shift not applied) go to
stderr. --epsg CODE: the coordinates' EPSG code when the .prj is missing or wrong. --encoding ENC: attribute
encoding (UTF-8, GBK, GB18030 …) overriding .cpg and detection.
`;

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const path = args.positionals[0];
  if (!path) throw new UsageError(`convert needs a FILE\n\n${usage}`);
  const to = (opt(args, 'to') ?? 'geojson').toLowerCase();
  if (to !== 'geojson') throw new UsageError(`--to supports only geojson, got "${to}"`);
  const out = opt(args, 'o') ?? opt(args, 'out');
  const got = await importOneLayer(path, args, io);
  if (typeof got === 'number') return got;
  const { result, layer } = got;
  const fc = { type: 'FeatureCollection', name: layer.name, features: layer.features };
  const text = `${JSON.stringify(fc)}\n`;
  if (out) {
    await io.writeFile(out, text);
    io.stderr(`${result.layers.length > 1 ? `${layer.name}: ` : ''}${layer.features.length} features → ${out} (${layer.crs?.epsg !== undefined ? `EPSG:${layer.crs.epsg}` : layer.crs?.name} → lon/lat${layer.encoding ? `, ${layer.encoding.encoding}` : ''})\n`);
  } else io.stdout(text);
  return EXIT.ok;
}

export const convertCommand: Command = { summary: 'convert a Shapefile zip / .shp / GeoJSON to lon/lat GeoJSON', usage, run };
