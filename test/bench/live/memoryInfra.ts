/**
 * Chromium's own account of a process's memory, by allocator (its "memory-infra" dumps, what chrome://tracing shows):
 * V8 heaps of the page and of the workers, PartitionAlloc's array-buffer partition (typed arrays' backing stores)
 * and buffer partition (Blink's vectors and the serialised messages of postMessage — garbage until the MessageEvent
 * holding one is collected), malloc, WebGL, the compositor. Read over CDP: Tracing.start with the memory-infra
 * category, Tracing.requestMemoryDump, Tracing.end.
 *
 * The dump itself costs the renderer hundreds of MB of RSS for a while: take RSS figures before it, not after.
 */
import type { CDPSession } from 'playwright-core';

/** MB by allocator path ("v8/main/heap", "partition_alloc/partitions/array_buffer", …), paths up to `depth` deep. */
export type Allocators = Record<string, number>;

type DumpEvent = { ph: string; pid: number; args?: { dumps?: { allocators?: Record<string, { attrs?: { size?: { value: string } } }> } } };

/** One memory dump of every Chromium process, by pid. `level`: 'background' (cheap) or 'detailed' (heap buckets). */
export async function allocatorDump(cdp: CDPSession, level: 'background' | 'detailed' = 'background', depth = 4): Promise<Map<number, Allocators>> {
  const events: DumpEvent[] = [];
  // (playwright-core types trace events as string maps; a memory dump's are objects)
  const collect = (e: { value: unknown[] }) => {
    events.push(...(e.value as DumpEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  try {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    // (the memory-infra members of Tracing's params are not in playwright-core's protocol types)
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], memoryDumpConfig: { triggers: [] } } } as never);
    await cdp.send('Tracing.requestMemoryDump' as never, { levelOfDetail: level } as never);
    await cdp.send('Tracing.end');
    await done;
  } finally {
    cdp.off('Tracing.dataCollected', collect);
  }
  const out = new Map<number, Allocators>();
  for (const e of events) {
    const allocators = e.ph === 'v' ? e.args?.dumps?.allocators : undefined;
    if (!allocators) continue;
    const rec = out.get(e.pid) ?? {};
    for (const [path, a] of Object.entries(allocators)) {
      const size = a.attrs?.size;
      if (size && path.split('/').length <= depth && !path.includes('/__')) rec[path] = Number.parseInt(size.value, 16) / 1e6;
    }
    out.set(e.pid, rec);
  }
  return out;
}

/** The renderer's dump: the process with the most V8 heap (the page's). */
export function rendererAllocators(dump: Map<number, Allocators>): Allocators {
  let best: Allocators = {};
  for (const rec of dump.values()) if ((rec.v8 ?? 0) > (best.v8 ?? 0)) best = rec;
  return best;
}

/** The rows worth reading: who holds the memory, not how each allocator buckets it. */
export const ALLOCATOR_ROWS: [path: string, what: string][] = [
  ['v8/main/heap', 'JS heap, page (main thread)'],
  ['v8/workers/heap', 'JS heaps, all workers'],
  ['partition_alloc/partitions/array_buffer', 'typed arrays (ArrayBuffer backing stores)'],
  ['partition_alloc/partitions/buffer', 'Blink buffers (vectors, serialised messages)'],
  ['partition_alloc/partitions/fast_malloc', 'Blink fast malloc (strings, objects)'],
  ['malloc', 'malloc'],
  ['blink_gc', 'Blink GC heap (DOM)'],
  ['webgl', 'WebGL (drawing buffers)'],
  ['gpu', 'GPU client (transfer buffers)'],
  ['cc', 'compositor tiles'],
  ['shared_memory', 'shared memory'],
];

/** A markdown table of ALLOCATOR_ROWS for each dump given (columns), MB. */
export function allocatorTable(columns: { name: string; rec: Allocators }[]): string {
  const f = (x: number | undefined) => (x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));
  const lines = [`| allocator | ${columns.map((c) => c.name).join(' | ')} |`, `|---|${columns.map(() => '---|').join('')}`];
  for (const [path, what] of ALLOCATOR_ROWS) {
    if (columns.every((c) => (c.rec[path] ?? 0) < 1)) continue;
    lines.push(`| ${what} (\`${path}\`) | ${columns.map((c) => `${f(c.rec[path])} MB`).join(' | ')} |`);
  }
  const sum = (rec: Allocators) => ALLOCATOR_ROWS.reduce((s, [p]) => s + (rec[p] ?? 0), 0);
  lines.push(`| **sum of the rows** | ${columns.map((c) => `**${f(sum(c.rec))} MB**`).join(' | ')} |`);
  return lines.join('\n');
}
