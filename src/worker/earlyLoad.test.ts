import { describe, expect, it } from 'vitest';
import { EarlyLoad } from './earlyLoad';
import type { Req } from './protocol';

const url = 'http://h/c.fpk';
const load = (over: Partial<Req<'load'>> = {}): Req<'load'> => ({ layerId: 'c', kind: 'cultivated', file: 'c.fpk', source: { url }, blockOnError: false, ...over });

function made(keepMs = 60_000) {
  const fetched: string[] = [];
  const imports: string[] = [];
  const early = new EarlyLoad<string>(
    async (u) => {
      fetched.push(u);
      return new ArrayBuffer(1);
    },
    async (req, progress, fetch) => {
      imports.push(`${req.file}|${req.kind}|${req.name ?? ''}`);
      progress({ phase: 'parse' });
      await fetch((req.source as { url: string }).url);
      progress({ phase: 'validate' });
      return 'imported';
    },
    keepMs,
  );
  return { early, fetched, imports };
}

describe('EarlyLoad', () => {
  it('begins once; the matching load takes the outcome and the last progress, then nothing is left', async () => {
    const { early, fetched, imports } = made();
    expect(early.start({ url, layer: { file: 'c.fpk', kind: 'cultivated' } })).toEqual({ started: true });
    expect(early.start({ url })).toEqual({ started: false });
    await new Promise((r) => setTimeout(r, 0));
    const phases: string[] = [];
    const t = early.take(load(), (p) => phases.push(p.phase));
    expect(await t.outcome).toBe('imported');
    expect(phases).toEqual(['validate']);
    expect(fetched).toEqual([url]);
    expect(imports).toEqual(['c.fpk|cultivated|']);
    expect(early.take(load(), () => undefined).outcome).toBeUndefined();
  });

  it('a download alone is handed to a load of the same URL; another URL gets the plain fetch', async () => {
    const { early, fetched } = made();
    early.start({ url });
    const t = early.take(load({ kind: 'auto' }), () => undefined);
    expect(t.outcome).toBeUndefined();
    await t.fetch(url);
    expect(fetched).toEqual([url]);
    early.start({ url });
    await early.take(load({ source: { url: 'http://h/other.fpk' } }), () => undefined).fetch('http://h/other.fpk');
    expect(fetched).toEqual([url, url, 'http://h/other.fpk']);
  });

  it('unclaimed, it is dropped after its time', async () => {
    const { early } = made(5);
    early.start({ url, layer: { file: 'c.fpk', kind: 'cultivated' } });
    await new Promise((r) => setTimeout(r, 30));
    expect(early.take(load(), () => undefined).outcome).toBeUndefined();
  });

  it('ignores a layer description that is not strings', () => {
    const { early, imports } = made();
    early.start({ url, layer: { file: 'c.fpk', kind: 3 as unknown as string } });
    expect(imports).toEqual([]);
    expect(early.take(load(), () => undefined).outcome).toBeUndefined();
  });
});
