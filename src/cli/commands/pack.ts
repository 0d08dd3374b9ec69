import { basename, dirname, join, resolve } from 'node:path';
import { writePack } from '../../core/io/flatPackWrite';
import { packable } from '../../core/io/packable';
import { readProjectManifest } from '../../core/layers/projectManifest';
import { APP_VERSION } from '../../core/version';
import { type ParsedArgs, UsageError, opt } from '../args';
import { type CliIO, EXIT } from '../io';
import { importOneLayer } from '../load';
import type { Command } from './index';

const usage = `farmland pack FILE [-o OUT.fpk] [--layer NAME] [--epsg CODE] [--encoding ENC]
farmland pack --manifest MANIFEST.json [-o OUT-MANIFEST.json]

Write a layer pack (.fpk): the layer read as the engine reads it (any file it imports: zipped Shapefile, .shp,
GeoJSON, GeoPackage, File Geodatabase; GK zones reprojected to lon/lat, GBK decoded), kept as the engine's flat
arrays and its properties in columns. The dashboard reads a pack ~8× smaller than the GeoJSON and without parsing
text (docs/large-layers.md "Layer packs"); reading it gives exactly the features read here.
  -o OUT       the pack (default: FILE with its extension replaced by .fpk, beside it)
  --manifest   every layer of a dashboard manifest packed beside its file, and a manifest naming the packs
               (default OUT-MANIFEST: manifest-pack.json beside MANIFEST)
Only Polygon / MultiPolygon layers with flat attributes can be packed; a feature that cannot be is named.
`;

/** One file's layer as a pack at `out`; a message on stderr. Returns the exit code. */
async function packFile(path: string, out: string, args: ParsedArgs, io: CliIO): Promise<number> {
  const got = await importOneLayer(path, args, io);
  if (typeof got === 'number') return got;
  const { layer } = got;
  const fc = packable({ name: layer.name }, layer.features);
  if ('error' in fc) {
    io.stderr(`${path}: 无法打包 / cannot be packed: ${fc.error}\n`);
    return EXIT.findings;
  }
  const bytes = writePack(fc, { at: new Date().toISOString(), by: `farmland ${APP_VERSION} pack`, from: basename(path) });
  await io.writeFile(out, bytes);
  io.stderr(`${path}: ${fc.count} features → ${out} (${(bytes.length / 1e6).toFixed(1)} MB)\n`);
  return EXIT.ok;
}

const packName = (file: string) => file.replace(/(\.gz)?$/i, '').replace(/\.[^./\\]*$/, '') + '.fpk';

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const manifestPath = opt(args, 'manifest');
  if (manifestPath) {
    let manifest: ReturnType<typeof readProjectManifest> & Record<string, unknown>;
    try {
      manifest = readProjectManifest(JSON.parse(new TextDecoder().decode(await io.readFile(manifestPath)))) as typeof manifest;
    } catch (err) {
      io.stderr(`${manifestPath}: ${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT.usage;
    }
    const dir = dirname(manifestPath);
    const layers = [];
    for (const l of manifest.layers) {
      const to = packName(l.file);
      const code = await packFile(join(dir, l.file), join(dir, to), args, io);
      if (code !== EXIT.ok) return code;
      layers.push({ ...l, file: to });
    }
    const out = opt(args, 'o') ?? opt(args, 'out') ?? join(dir, 'manifest-pack.json');
    // (its files, targets and basemap are named relative to its folder)
    if (resolve(dirname(out)) !== resolve(dir)) throw new UsageError(`-o ${out}: the packed manifest goes in ${dir}, beside the manifest it copies (its paths are relative to that folder)`);
    await io.writeFile(out, `${JSON.stringify({ ...manifest, layers }, null, 1)}\n`);
    io.stderr(`${manifestPath}: ${layers.length} layers packed → ${out}\n`);
    return EXIT.ok;
  }
  const path = args.positionals[0];
  if (!path) throw new UsageError(`pack needs a FILE or --manifest\n\n${usage}`);
  return packFile(path, opt(args, 'o') ?? opt(args, 'out') ?? packName(path), args, io);
}

export const packCommand: Command = { summary: 'write a layer pack (.fpk) the dashboard reads fast', usage, run };
