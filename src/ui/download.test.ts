import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveMade } from './download';

afterEach(() => vi.unstubAllGlobals());

describe('saveMade', () => {
  it('hands a failed export’s message to the panel instead of losing it', async () => {
    const errors: string[] = [];
    await saveMade(() => Promise.reject(new Error('尚未叠加两期数据 / no overlay yet')), (m) => errors.push(m));
    expect(errors).toEqual(['尚未叠加两期数据 / no overlay yet']);
  });

  it('saves the made file under its name and type through a temporary link', async () => {
    const clicked: { href: string; download: string }[] = [];
    const blobs: Blob[] = [];
    const a = { href: '', download: '', click: () => clicked.push({ href: a.href, download: a.download }), remove: () => {} };
    vi.stubGlobal('document', { createElement: () => a, body: { appendChild: () => {} } });
    vi.stubGlobal('URL', {
      createObjectURL: (b: Blob) => {
        blobs.push(b);
        return 'blob:1';
      },
      revokeObjectURL: () => {},
    });
    const errors: string[] = [];
    await saveMade(async () => ({ bytes: new TextEncoder().encode('{}').buffer as ArrayBuffer, file: 'farmland-change.json', mime: 'application/json' }), (m) => errors.push(m));
    expect(errors).toEqual([]);
    expect(clicked).toEqual([{ href: 'blob:1', download: 'farmland-change.json' }]);
    expect(blobs[0].type).toBe('application/json');
    expect(await blobs[0].text()).toBe('{}');
  });
});
