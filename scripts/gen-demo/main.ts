/**
 * `npm run data:demo [-- --parcels N --out DIR --seed S --no-png]` — writes the synthetic demo county.
 * Defaults: 20,000 cultivated parcels into data/demo. Same seed and options → byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PARCELS, DEFAULT_SEED, generate } from './generate';
import { changeVintages } from './vintage2';
import { addIndicatorDemo } from './indicators';

function parse(argv: string[]): { parcels: number; out: string; seed: string; png: boolean } {
  const o = { parcels: DEFAULT_PARCELS, out: 'data/demo', seed: DEFAULT_SEED, png: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--parcels') o.parcels = Number(next());
    else if (a === '--out') o.out = next();
    else if (a === '--seed') o.seed = next();
    else if (a === '--no-png') o.png = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run data:demo -- [--parcels N] [--out DIR] [--seed S] [--no-png]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.parcels) || o.parcels < 100 || o.parcels > 5_000_000) throw new Error('--parcels must be an integer in 100..5000000');
  return o;
}

function main(): number {
  let o: ReturnType<typeof parse>;
  try {
    o = parse(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`gen-demo: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const t0 = performance.now();
  const { files, stats } = generate({ parcels: o.parcels, seed: o.seed, png: o.png });
  for (const [name, content] of changeVintages(files)) files.set(name, content);
  addIndicatorDemo(files);
  const t1 = performance.now();
  mkdirSync(o.out, { recursive: true });
  let bytes = 0;
  for (const [name, content] of files) {
    writeFileSync(join(o.out, name), content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  process.stdout.write(
    `gen-demo: ${stats.parcels} cultivated parcels (${stats.blocks} blocks) → ${o.out} (${files.size} files, ${(bytes / 1e6).toFixed(1)} MB) in ${((t1 - t0) / 1000).toFixed(1)} s\n` +
      `  layers: ${JSON.stringify(stats.layers)}\n  planted conflicts: eco ${stats.plantedEcoConflicts}, urban ${stats.plantedUrbanConflicts}; dirty township ${stats.dirtyTownship}\n`,
  );
  return 0;
}

process.exitCode = main();
