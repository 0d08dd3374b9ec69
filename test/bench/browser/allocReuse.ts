/**
 * What fresh memory costs on this machine (issue 14 item 8: why the load's batch size matters). In headless Chromium,
 * a page allocates and fills 270 MB in buffers of one size at a time, keeping 4 and freeing the oldest the way the app
 * does (transferred into a closed MessageChannel: worker/freeBytes.ts), and prints the milliseconds per size. Sizes
 * above Chromium's largest bucketed allocation (PartitionAlloc's kMaxBucketed, 960 KiB; 896 KiB in some builds) are a
 * fresh mmap each, so every page faults on first write; smaller ones reuse the freed slots. Then, in this Node
 * process, a 43 MB Float64Array filled twice: the first fill pays the page faults, the second does not.
 *
 *   npx tsx test/bench/browser/allocReuse.ts [--mb 270] [--rounds 2]
 */
import { launch } from './harness';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const totalBytes = arg('mb', 270) * 1e6;
const rounds = arg('rounds', 2);
const SIZES = [(1 << 20) + 65536, 1 << 20, 983040, 896 << 10, 768 << 10, 512 << 10];

async function main(): Promise<void> {
  const b = await launch();
  try {
    const ms = await b.page.evaluate(
      ({ sizes, total, rounds }) => {
        const out: Record<string, number[]> = {};
        for (let r = 0; r < rounds; r++)
          for (const size of sizes) {
            const t = performance.now();
            const keep: Uint8Array[] = [];
            for (let got = 0; got < total; got += size) {
              const a = new Uint8Array(size);
              a.fill(1);
              keep.push(a);
              if (keep.length > 4) {
                const old = keep.shift() as Uint8Array;
                const ch = new MessageChannel();
                ch.port1.postMessage(null, [old.buffer]);
                ch.port1.close();
                ch.port2.close();
              }
            }
            const ms = out[size] ?? [];
            ms.push(Math.round(performance.now() - t));
            out[size] = ms;
          }
        return out;
      },
      { sizes: SIZES, total: totalBytes, rounds },
    );
    console.log(`Chromium page: ${(totalBytes / 1e6).toFixed(0)} MB allocated and filled in buffers of one size, 4 kept (ms per round)`);
    console.log('');
    console.log('| buffer | ms |');
    console.log('|---|---|');
    for (const size of SIZES) console.log(`| ${size.toLocaleString('en-US')} B (${(size / 1024).toFixed(0)} KiB) | ${ms[size].join(', ')} |`);
  } finally {
    await b.close();
  }
  const n = 5_400_000;
  const a = new Float64Array(n);
  let t = performance.now();
  a.fill(1);
  const first = performance.now() - t;
  t = performance.now();
  a.fill(2);
  const second = performance.now() - t;
  console.log('');
  console.log(`Node: a ${((n * 8) / 1e6).toFixed(0)} MB Float64Array filled: first ${first.toFixed(0)} ms (${((first / (n * 8)) * 1e6).toFixed(1)} ms per MB), again ${second.toFixed(0)} ms`);
}

void main().then(() => process.exit(0));
