/**
 * What reading a 222 MB fetch body costs the page's thread in fresh memory (issue 14 item 8; worker/fetchBytes.ts
 * fetchStream): the 500k county’s 耕地 file read in a page of the served app, five ways — with the default reader and
 * nothing else ('nothing'), freeing each piece at once ('free'), joining pieces into ≤ 768 KiB batches as the page's
 * downloads did ('batch768'), with a BYOB reader into one 768 KiB buffer read into again and again ('byob'), and with a
 * BYOB reader straight into one buffer the size of the file ('byobWhole': what a worker downloading a layer for itself
 * would do). Prints the milliseconds, the reads, and the MB the page's thread faulted in (its minor faults × 4 KiB, from
 * /proc). Each variant runs twice.
 *
 *   npx tsx test/bench/live/bodyRead.ts [--variants byob,byobWhole,nothing]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ensureCounty } from '../genCounty';
import { startApp } from './app';
function mainFaults(): number {
  let best = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const st = readFileSync(`/proc/${d}/task/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      best = Math.max(best, Number(f[7]));
    } catch {}
  }
  return best;
}
async function main() {
  const dir = ensureCounty({ parcels: 500000 }).dir;
  const app = await startApp({ 'county-500000': dir });
  try {
    await app.page.goto(app.h.baseUrl + 'county-500000/meta.json');
    const variants = process.argv.includes('--variants') ? process.argv[process.argv.indexOf('--variants') + 1].split(',') : ['byob', 'byobWhole', 'nothing', 'free', 'batch768'];
    for (const variant of [...variants, ...variants]) {
      const f0 = mainFaults();
      const ms = await app.page.evaluate(async (v) => {
        const free = (b: Uint8Array) => { const ch = new MessageChannel(); ch.port1.postMessage(null, [b.buffer]); ch.port1.close(); ch.port2.close(); };
        const t = performance.now();
        const body = (await fetch('/county-500000/cultivated.geojson', { cache: 'no-store' })).body!;
        if (v === 'byobWhole') {
          // straight into one buffer of the file's size (worker/gatherBody.ts): the page's buffer is then fresh memory too
          const rb = body.getReader({ mode: 'byob' });
          let buf = new ArrayBuffer(240 * 1024 * 1024); let off = 0; let reads = 0;
          for (;;) {
            const x = await rb.read(new Uint8Array(buf, off)); reads++;
            buf = x.value!.buffer as ArrayBuffer; off += x.value!.byteLength;
            if (x.done) break;
          }
          free(new Uint8Array(buf));
          return { ms: Math.round(performance.now() - t), chunks: reads, total: off };
        }
        if (v === 'byob') {
          const rb = body.getReader({ mode: 'byob' });
          let buf = new ArrayBuffer(768 * 1024); let off = 0; let reads = 0; let total = 0;
          for (;;) {
            const x = await rb.read(new Uint8Array(buf, off, buf.byteLength - off)); reads++;
            if (x.done) break;
            buf = x.value!.buffer as ArrayBuffer; off += x.value!.byteLength; total += x.value!.byteLength;
            if (off === buf.byteLength) off = 0; // consumed: reuse
          }
          return { ms: Math.round(performance.now() - t), chunks: reads, total };
        }
        const r = body.getReader();
        let batch: Uint8Array[] = []; let n = 0; let chunks = 0;
        for (;;) {
          const x = await r.read(); if (x.done) break; const c = x.value; chunks++;
          if (v === 'free') free(c);
          else if (v.startsWith('batch')) {
            if (n + c.length > 768 * 1024) { const out = new Uint8Array(n); let o = 0; for (const p of batch) { out.set(p, o); o += p.length; if (v.endsWith('pieces')) free(p); } free(out); batch = []; n = 0; }
            batch.push(c); n += c.length;
          }
        }
        return { ms: Math.round(performance.now() - t), chunks };
      }, variant);
      console.log(`${variant}: ${ms.ms} ms, ${ms.chunks} reads; the page's thread faulted in ${(((mainFaults() - f0) * 4) / 1024).toFixed(0)} MB`);
    }
  } finally { await app.close(); }
}
void main().then(() => process.exit(0));
