/**
 * What GeoPackage / FileGDB support costs in Node (the CLI): gdal3.js start-up (WebAssembly compile + its PROJ /
 * GDAL data), then reading the committed fixtures through readImportAsync, next to the same parcels as a zipped
 * Shapefile through the synchronous reader. Run: npx tsx test/bench/gdalLoad.ts
 * (The browser's first-import time is printed by test/e2e/workspace.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { zipSync } from 'fflate';
import type { Geometry } from 'geojson';
import { geometryAreaEllipsoidal } from '../../src/core/area/ellipsoid';
import { generateParcels, parcelsToGeoJsonText } from './genParcels';
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
const c0 = process.cpuUsage();
await loadGdalNode();
const init = performance.now() - t0;
const initCpu = process.cpuUsage(c0);
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
console.log(`gdal3.js start-up in Node: ${init.toFixed(0)} ms wall / ${((initCpu.user + initCpu.system) / 1000).toFixed(0)} ms CPU (once per process)`);
console.log(`read sandiao.gpkg (3 polygon tables, 10 features): ${gpkg.toFixed(1)} ms`);
console.log(`read sandiao.gdb.zip (same tables): ${gdb.toFixed(1)} ms`);
console.log(`read gk39-utf8.zip (Shapefile, 4 features), for scale: ${shp.toFixed(2)} ms`);

// A county-sized table, when ogr2ogr is installed: N seeded parcels as GeoJSON → GPKG and FileGDB (ogr2ogr), read
// through GDAL vs the GeoJSON read directly; the total area must agree.
const N = Number(process.env.GDAL_BENCH_N ?? 50_000);
try {
  execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'gdalbench-'));
  const gj = join(dir, 'DLTB.geojson');
  writeFileSync(gj, parcelsToGeoJsonText(generateParcels(N, 7).features));
  execFileSync('ogr2ogr', ['-f', 'GPKG', join(dir, 'd.gpkg'), gj, '-nln', 'DLTB', '-nlt', 'MULTIPOLYGON']);
  execFileSync('ogr2ogr', ['-f', 'OpenFileGDB', join(dir, 'd.gdb'), gj, '-nln', 'DLTB', '-nlt', 'MULTIPOLYGON', '-lco', 'XYSCALE=100000000000000', '-lco', 'XORIGIN=100', '-lco', 'YORIGIN=20']);
  const gdbFiles: Record<string, Uint8Array> = {};
  for (const f of readdirSync(join(dir, 'd.gdb'))) gdbFiles[`d.gdb/${f}`] = new Uint8Array(readFileSync(join(dir, 'd.gdb', f)));
  const inputs: [string, Uint8Array][] = [
    ['DLTB.geojson', new Uint8Array(readFileSync(gj))],
    ['d.gpkg', new Uint8Array(readFileSync(join(dir, 'd.gpkg')))],
    ['d.gdb.zip', zipSync(gdbFiles, { level: 1 })],
  ];
  const totals: number[] = [];
  for (const [name, bytes] of inputs) {
    const s = performance.now();
    const c = process.cpuUsage();
    const r = await readImportAsync(name, bytes, {}, [], loadGdalNode);
    const ms = performance.now() - s;
    const cu = process.cpuUsage(c);
    const cpu = (cu.user + cu.system) / 1000;
    const total = r.layers[0].features.reduce((a, f) => a + geometryAreaEllipsoidal(f.geometry as Geometry), 0);
    totals.push(total);
    console.log(`${N} parcels, ${name} (${(bytes.length / 2 ** 20).toFixed(1)} MB): read in ${ms.toFixed(0)} ms wall / ${cpu.toFixed(0)} ms CPU, total ${total.toFixed(3)} m²`);
  }
  console.log(`total area, GPKG / GeoJSON − 1 = ${(totals[1] / totals[0] - 1).toExponential(2)}; FileGDB / GeoJSON − 1 = ${(totals[2] / totals[0] - 1).toExponential(2)}`);
  rmSync(dir, { recursive: true, force: true });
} catch (e) {
  console.log(`(county-sized run skipped: ${e instanceof Error ? e.message : String(e)})`);
}
process.exit(0);
