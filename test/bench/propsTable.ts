/**
 * The layer's properties columns (layers/propsTable.ts, issue 14 item 8) on a generated county's 耕地 properties: how
 * long building the table takes, how long giving every row back takes, and the bytes its typed arrays hold. Checks
 * that every row comes back equal to its object. Each round builds once more (the first is the untimed warm-up).
 *
 *   npx tsx test/bench/propsTable.ts [--parcels 500000] [--rounds 5]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PropsTable } from '../../src/core/layers/propsTable';
import { ensureCounty } from './genCounty';
import { numberArg } from './numberArg';

const parcels = numberArg('parcels', 500_000);
const rounds = numberArg('rounds', 5);

const county = ensureCounty({ parcels });
const text = readFileSync(join(county.dir, 'cultivated.geojson'), 'utf8');
// (the generated file's properties are flat objects with no '}' inside a string)
const props: unknown[] = [];
for (const m of text.matchAll(/"properties":(\{[^}]*\})/g)) props.push(JSON.parse(m[1]));

const t = PropsTable.from(props);
for (let i = 0; i < props.length; i++) {
  const want = props[i] as Record<string, unknown>;
  const got = t.row(i);
  const keys = Object.keys(want);
  if (Object.keys(got).join() !== keys.join() || keys.some((k) => !Object.is(got[k], want[k]))) throw new Error(`row ${i} differs`);
}
const build: number[] = [];
const rows: number[] = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const table = PropsTable.from(props);
  const t1 = performance.now();
  let given = 0;
  for (let i = 0; i < table.length; i++) if (table.row(i) !== undefined) given++;
  if (given !== props.length) throw new Error('rows missing');
  build.push(t1 - t0);
  rows.push(performance.now() - t1);
}
const range = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))} ms`;
process.stdout.write(
  `${props.length.toLocaleString('en-US')} properties objects of cultivated.geojson (${parcels.toLocaleString('en-US')}-parcel county): every row equal to its object\n` +
    `build ${range(build)}, every row given back ${range(rows)} (${rounds} rounds); typed arrays ${(t.byteLength / 1e6).toFixed(1)} MB (${(t.byteLength / props.length).toFixed(1)} B per row)\n`,
);
