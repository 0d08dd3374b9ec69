/**
 * The features' properties of a generated county's 耕地 file read two ways, side by side in one run (issue 14 item 8):
 * before — the byte slices joined into ~4 MB buffers "[p0,p1,…]", each decoded and given to JSON.parse (the flat
 * scanner until 7b0c1ec); after — io/propertiesParser.ts reading each object from the bytes. Then the string pool pass
 * that import runs after either (layers/stringPool.ts). Rounds alternate so drift hits both alike; each variant runs
 * once untimed first. Checks that both give the same objects.
 *
 *   npx tsx test/bench/propertiesParse.ts [--parcels 500000] [--rounds 3]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PropertiesParser } from '../../src/core/io/propertiesParser';
import { StringPool } from '../../src/core/layers/stringPool';
import { ensureCounty } from './genCounty';
import { numberArg } from './numberArg';

const parcels = numberArg('parcels', 500_000);
const rounds = numberArg('rounds', 3);

const county = ensureCounty({ parcels });
const bytes = new Uint8Array(readFileSync(join(county.dir, 'cultivated.geojson')));

/** [start, end) of every `"properties":{…}` object (the generated file's properties are flat, with no '}' in strings). */
function propertySlices(b: Uint8Array): Int32Array {
  const key = new TextEncoder().encode('"properties":');
  const out: number[] = [];
  outer: for (let p = 0; p < b.length; p++) {
    if (b[p] !== 0x22) continue;
    for (let k = 0; k < key.length; k++) if (b[p + k] !== key[k]) continue outer;
    const s = p + key.length;
    let e = s;
    while (b[e] !== 0x7d) e++;
    out.push(s, e + 1);
    p = e;
  }
  return Int32Array.from(out);
}

const slices = propertySlices(bytes);
const n = slices.length / 2;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function before(): unknown[] {
  const out: unknown[] = new Array(n);
  let i = 0;
  while (i < n) {
    let size = 0;
    let j = i;
    while (j < n && size < 1 << 22) size += slices[2 * j + 1] - slices[2 * j++];
    const buf = new Uint8Array(size + (j - i) + 1);
    let o = 0;
    buf[o++] = 0x5b;
    for (let k = i; k < j; k++) {
      if (k > i) buf[o++] = 0x2c;
      buf.set(bytes.subarray(slices[2 * k], slices[2 * k + 1]), o);
      o += slices[2 * k + 1] - slices[2 * k];
    }
    buf[o++] = 0x5d;
    const parsed = JSON.parse(UTF8.decode(buf)) as unknown[];
    for (let k = 0; k < parsed.length; k++) out[i + k] = parsed[k];
    i = j;
  }
  return out;
}

function after(): unknown[] {
  const out: unknown[] = new Array(n);
  const parser = new PropertiesParser();
  for (let i = 0; i < n; i++) out[i] = parser.parse(bytes, slices[2 * i], slices[2 * i + 1]);
  return out;
}

function pool(objects: unknown[]): void {
  const p = new StringPool();
  for (const o of objects) p.internFields(o as Record<string, unknown>);
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timed(f: () => unknown[]): { parse: number; pool: number } {
  pool(f()); // untimed: this variant pays for its own garbage below
  const c0 = cpuMs();
  const objects = f();
  const c1 = cpuMs();
  pool(objects);
  return { parse: c1 - c0, pool: cpuMs() - c1 };
}

const a = before();
const b = after();
for (let i = 0; i < n; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) throw new Error(`feature ${i}: the two readings differ`);

const runs: Record<'before' | 'after', { parse: number; pool: number }[]> = { before: [], after: [] };
for (let r = 0; r < rounds; r++) {
  runs.before.push(timed(before));
  runs.after.push(timed(after));
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const row = (name: 'before' | 'after') => {
  const parse = median(runs[name].map((x) => x.parse));
  const pooled = median(runs[name].map((x) => x.pool));
  return { parse, pooled, line: `| ${name === 'before' ? 'decode + JSON.parse in 4 MB buffers' : 'PropertiesParser'} | ${runs[name].map((x) => Math.round(x.parse)).join(' / ')} ms | ${Math.round(parse)} ms | ${Math.round(pooled)} ms |` };
};
const rb = row('before');
const ra = row('after');
console.log(`${n.toLocaleString('en-US')} properties objects of ${county.dir}/cultivated.geojson (${(bytes.length / 1e6).toFixed(0)} MB), CPU, ${rounds} rounds alternating; the same objects both ways (checked)\n`);
console.log('| reading | each round | median | string pool pass after it (median) |\n|---|---|---|---|');
console.log(rb.line);
console.log(ra.line);
console.log(`\nafter / before: properties ${(ra.parse / rb.parse).toFixed(2)}×, with the pool pass ${((ra.parse + ra.pooled) / (rb.parse + rb.pooled)).toFixed(2)}×`);
