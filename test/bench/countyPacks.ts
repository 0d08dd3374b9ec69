import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFlatCollection } from '../../src/core/io/flatGeojson';
import { writePack } from '../../src/core/io/flatPackWrite';

/**
 * The county's layer files as layer packs beside themselves (`cultivated.fpk` …, core/io/flatPack.ts) and
 * `manifest-pack.json` naming them. Made once, kept with the county (a pack from a file the flat scanner does not
 * take is an error here: the county's files all take it).
 */
export function packedManifest(dir: string): string {
  const name = 'manifest-pack.json';
  if (existsSync(join(dir, name))) return name;
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { layers: { file: string }[] };
  for (const l of m.layers) {
    const to = l.file.replace(/\.geojson$/, '.fpk');
    if (!existsSync(join(dir, to))) {
      const fc = scanFlatCollection(new Uint8Array(readFileSync(join(dir, l.file))));
      if (!fc) throw new Error(`${l.file}: not on the flat path, cannot be packed`);
      writeFileSync(join(dir, to), writePack(fc, { at: new Date().toISOString(), by: 'test/bench/countyPacks.ts', from: l.file }));
    }
    l.file = to;
  }
  writeFileSync(join(dir, name), `${JSON.stringify(m, null, 1)}\n`);
  return name;
}
