import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { brokenGzip, fetchBytes, fetchStream } from './fetchBytes';

const MB = 1 << 20;
/** A response whose body arrives in 64 KiB chunks, as a download does. */
function served(bytes: Uint8Array, status = 200, headers: Record<string, string> = {}): (url: string) => Promise<Response> {
  return async () => {
    let p = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (p >= bytes.length) return c.close();
        c.enqueue(bytes.slice(p, p + 65536));
        p += 65536;
      },
    });
    return new Response(status === 200 ? body : null, { status, headers });
  };
}

describe('fetchBytes', () => {
  const text = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [] }).repeat(20000));
  it('a .gz file is inflated while it downloads: the same bytes as the file inside', async () => {
    const got = new Uint8Array(await fetchBytes('/d/cultivated.geojson.gz', { fetch: served(gzipSync(text)) }));
    expect(got.length).toBe(text.length);
    expect(Buffer.compare(Buffer.from(got), Buffer.from(text))).toBe(0);
  });
  it('anything else is the bytes as served', async () => {
    const got = new Uint8Array(await fetchBytes('/d/cultivated.geojson', { fetch: served(text) }));
    expect(Buffer.compare(Buffer.from(got), Buffer.from(text))).toBe(0);
    expect(new Uint8Array(await fetchBytes('/d/empty.geojson', { fetch: served(new Uint8Array(0)) })).length).toBe(0);
  });
  it('a gzip bomb stops at the limit with a message, before it is all inflated', async () => {
    const bomb = gzipSync(new Uint8Array(64 * MB), { level: 9 });
    await expect(fetchBytes('/d/bomb.geojson.gz', { fetch: served(bomb), maxBytes: 8 * MB })).rejects.toThrow(/解压后超过上限 8\.0 MB.*decompressed contents exceed the 8\.0 MB limit/);
  });
  it('a damaged gzip file and an HTTP error are errors, not bytes', async () => {
    const gz = gzipSync(text);
    await expect(fetchBytes('/d/cut.geojson.gz', { fetch: served(gz.subarray(0, gz.length >> 1)) })).rejects.toThrow(/gzip 文件损坏.*the gzip file is damaged/);
    await expect(fetchBytes('/d/gone.geojson', { fetch: served(text, 404) })).rejects.toThrow('HTTP 404');
  });
  it('gzip bytes under another name are inflated after the download, within the limit; a damaged one is an error', async () => {
    const got = new Uint8Array(await fetchBytes('/d/cultivated.fpk', { fetch: served(gzipSync(text)) }));
    expect(Buffer.compare(Buffer.from(got), Buffer.from(text))).toBe(0);
    const bomb = gzipSync(new Uint8Array(64 * MB), { level: 9 });
    await expect(fetchBytes('/d/bomb.geojson', { fetch: served(bomb), maxBytes: 8 * MB })).rejects.toThrow(/解压后超过上限 8\.0 MB.*decompressed contents exceed the 8\.0 MB limit/);
    const gz = gzipSync(text);
    await expect(fetchBytes('/d/cut.geojson?v=1', { fetch: served(gz.subarray(0, gz.length >> 1)) })).rejects.toThrow(/gzip 文件损坏.*the gzip file is damaged/);
    // (`.gz` before a query is still a gzip name: inflated as it downloads)
    expect(Buffer.compare(Buffer.from(new Uint8Array(await fetchBytes('/d/c.geojson.gz?v=2', { fetch: served(gz) }))), Buffer.from(text))).toBe(0);
  });
});

describe('fetchStream', () => {
  const text = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [] }).repeat(20000));
  const all = async (next: () => Promise<Uint8Array | undefined>) => {
    const parts: Uint8Array[] = [];
    for (let v = await next(); v !== undefined; v = await next()) parts.push(v);
    return Buffer.concat(parts);
  };
  it('the size the worker sizes its buffer by: Content-Length as sent, else 8× it for a body inflated on the way', async () => {
    const plain = await fetchStream('/d/c.geojson', { fetch: served(text, 200, { 'content-length': String(text.length) }) });
    expect(plain.size).toBe(text.length);
    expect(plain.gzip).toBe(false);
    expect(Buffer.compare(Buffer.from(await all(plain.next)), Buffer.from(text))).toBe(0);
    const gz = gzipSync(text);
    // a .gz served as it is: inflated here
    const here = await fetchStream('/d/c.geojson.gz', { fetch: served(gz, 200, { 'content-length': String(gz.length) }) });
    expect(here.size).toBe(gz.length * 8);
    expect(here.gzip).toBe(true);
    expect(Buffer.compare(Buffer.from(await all(here.next)), Buffer.from(text))).toBe(0);
    // served with Content-Encoding (the browser inflates; the fake sends the inflated bytes, as a browser hands them on)
    const byBrowser = await fetchStream('/d/c.geojson.gz', { fetch: served(text, 200, { 'content-length': String(gz.length), 'content-encoding': 'gzip' }) });
    expect(byBrowser.size).toBe(gz.length * 8);
    expect(byBrowser.gzip).toBe(false);
    expect(Buffer.compare(Buffer.from(await all(byBrowser.next)), Buffer.from(text))).toBe(0);
    // a damaged .gz fails on reading, worded by brokenGzip
    const cut = await fetchStream('/d/cut.geojson.gz', { fetch: served(gz.subarray(0, gz.length >> 1)) });
    await expect(all(cut.next).catch((e) => Promise.reject(brokenGzip(e)))).rejects.toThrow(/gzip 文件损坏/);
    // no Content-Length: no size
    expect((await fetchStream('/d/c.geojson', { fetch: served(text) })).size).toBeUndefined();
  });

  it('a byte-stream body (a fetch body in Chromium) is read into the caller’s buffers with `into`, the first piece included; no other body offers it', async () => {
    /** A byte stream: BYOB reads get at most 50,000 bytes each; default reads 64 KiB pieces. */
    const byteServed = (bytes: Uint8Array) => async () => {
      let p = 0;
      const body = new ReadableStream({
        type: 'bytes',
        pull(c) {
          const req = c.byobRequest;
          if (p >= bytes.length) {
            c.close();
            req?.respond(0);
            return;
          }
          if (req?.view) {
            const n = Math.min(req.view.byteLength, 50_000, bytes.length - p);
            new Uint8Array(req.view.buffer, req.view.byteOffset, n).set(bytes.subarray(p, p + n));
            p += n;
            req.respond(n);
          } else {
            c.enqueue(bytes.slice(p, p + 65536));
            p += 65536;
          }
        },
      });
      return new Response(body, { headers: { 'content-length': String(bytes.length) } });
    };
    const s = await fetchStream('/d/c.geojson', { fetch: byteServed(text) });
    expect(s.into).toBeTypeOf('function');
    const into = s.into!;
    // one 100,000-byte buffer, filled again and again: its memory comes back each time
    let buf = new ArrayBuffer(100_000);
    const got: Uint8Array[] = [];
    let n = 0;
    for (;;) {
      const r = await into(new Uint8Array(buf, n, buf.byteLength - n));
      buf = r.bytes.buffer;
      expect(buf.byteLength).toBe(100_000);
      n += r.bytes.byteLength;
      if (r.done || n === buf.byteLength) {
        got.push(new Uint8Array(buf, 0, n).slice());
        n = 0;
      }
      if (r.done) break;
    }
    expect(Buffer.compare(Buffer.concat(got), Buffer.from(text))).toBe(0);
    // next() on a byte stream (without the caller's buffers) gives the same bytes
    expect(Buffer.compare(Buffer.from(await all((await fetchStream('/d/c.geojson', { fetch: byteServed(text) })).next)), Buffer.from(text))).toBe(0);
    expect((await fetchStream('/d/c.geojson', { fetch: served(text) })).into).toBeUndefined();
    expect((await fetchStream('/d/c.geojson.gz', { fetch: byteServed(gzipSync(text)) })).into).toBeUndefined();
  });
});
