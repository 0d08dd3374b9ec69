/**
 * What GeoPackage / FileGDB support costs in Node (the CLI): gdal3.js start-up (WebAssembly compile + its PROJ /
 * GDAL data), then reading the committed fixtures through readImportAsync, next to the same parcels as a zipped
 * Shapefile through the synchronous reader. Run: npx tsx test/bench/gdalLoad.ts
 * (The browser's first-import time is printed by test/e2e/workspace.test.ts.)
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadGdalNode } from '../../src/cli/gdalNode';
import { readImport } from '../../src/core/io/readAny';
import { readImportAsync } from '../../src/core/io/readImportAsync';

const ROOT = join(import.meta.dirname, '..', '..');
const fx = (p: string) => new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', p)));
const dist = join(dirname(createRequire(import.meta.url).resolve('gdal3.js/node.js')), 'dist', 'package');
const mb = (f: string) => (statSync(join(dist, f)).size / 2 ** 20).toFixed(1);

const t0 = performance.now();
await loadGdalNode();
const init = performance.now() - t0;
const time = async (f: () => unknown, n = 5) => {
  await f();
  const s = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - s) / n;
};
const gpkg = await time(() => readImportAsync('sandiao.gpkg', fx('gdal/sandiao.gpkg'), {}, [], loadGdalNode));
const gdb = await time(() => readImportAsync('sandiao.gdb.zip', fx('gdal/sandiao.gdb.zip'), {}, [], loadGdalNode));
const shp = await time(() => readImport('gk39-utf8.zip', fx('import/gk39-utf8.zip')));
console.log(`gdal3.js files: wasm ${mb('gdal3WebAssembly.wasm')} MB, data ${mb('gdal3WebAssembly.data')} MB, js ${mb('gdal3.js')} MB`);
console.log(`gdal3.js start-up in Node: ${init.toFixed(0)} ms (once per process)`);
console.log(`read sandiao.gpkg (3 polygon tables, 10 features): ${gpkg.toFixed(1)} ms`);
console.log(`read sandiao.gdb.zip (same tables): ${gdb.toFixed(1)} ms`);
console.log(`read gk39-utf8.zip (Shapefile, 4 features), for scale: ${shp.toFixed(2)} ms`);
process.exit(0);
