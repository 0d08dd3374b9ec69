import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../../test/helpers/makeShapefile';
import { importErrors, readImport } from './readAny';
import { unzip } from './zip';

const MB = 1 << 20;

/** Set every size field (local header and central directory) of a one-entry zip to `claimed`. */
function lieAboutSize(zip: Uint8Array, claimed: number): Uint8Array {
  const z = zip.slice();
  const dv = new DataView(z.buffer);
  dv.setUint32(22, claimed, true);
  for (let p = z.length - 22; p >= 0; p--)
    if (dv.getUint32(p, true) === 0x02014b50) {
      dv.setUint32(p + 24, claimed, true);
      break;
    }
  return z;
}

describe('unzip', () => {
  it('reads a 20 000-entry zip (the directory is read once: linear in entries)', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20000; i++) files[`d/f${i}.txt`] = new Uint8Array([i & 0xff, 1, 2]);
    const r = unzip(zipSync(files, { level: 0 }), 'many.zip', 1 << 30);
    expect(r.ok && r.files.length).toBe(20000);
    expect(r.ok && r.files[12345]).toEqual({ name: 'd/f12345.txt', bytes: new Uint8Array([12345 & 0xff, 1, 2]) });
  });
  it('a zip bomb whose headers understate the size stops at the limit and reports what actually inflated', () => {
    const bomb = lieAboutSize(zipSync({ 'big.shp': new Uint8Array(8 * MB) }, { level: 9 }), 100);
    const r = unzip(bomb, 'bomb.zip', 2 * MB);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(
      /^bomb\.zip: 解压到 big\.shp 时已超过上限 2\.0 MB（已解压 [\d.]+ MB，文件头声称共 100 B），已停止.* \/ uncompressed contents exceed the 2\.0 MB limit this machine can hold: stopped at big\.shp after [\d.]+ MB actually inflated \(the headers claimed 100 B in all\)$/,
    );
  });
  it('headers that overstate the size do not refuse a small archive', () => {
    const z = lieAboutSize(zipSync({ 'a.txt': new Uint8Array(1000) }), 0x7fffffff);
    const r = unzip(z, 'a.zip', MB);
    expect(r.ok && r.files[0].bytes.length).toBe(1000);
  });
  it('entry names: GBK without the UTF-8 flag decoded by content; control characters escaped in messages', () => {
    const z = zipSync({ 'x.txt': new Uint8Array(1) });
    // rename the entry (same length) to GBK bytes, flag off
    const name = encodeGbk('地块'); // 4 bytes, like "x.txt" minus one: pad with "t"
    const raw = new Uint8Array([...name, 0x74]);
    const patched = z.slice();
    for (let p = 0; p < patched.length - 4; p++)
      if (patched[p] === 0x78 && patched[p + 1] === 0x2e && patched[p + 2] === 0x74) patched.set(raw, p);
    const r = unzip(patched, 'gbk.zip', MB);
    expect(r.ok && r.files[0].name).toBe('地块t');
    const ctl = readImport('ctl.zip', zipSync({ 'evil\u001b[2J\u202e.txt': new Uint8Array(1) }));
    expect(importErrors(ctl)[0].message).toBe(
      'ctl.zip: 没有找到 .shp 或 GeoJSON（包含：evil\\u{1b}[2J\\u{202e}.txt） / no .shp or GeoJSON found (contains: evil\\u{1b}[2J\\u{202e}.txt)',
    );
  });
  it('encrypted entries, unknown methods and a cut directory are named', () => {
    const z = zipSync({ 'a.shp': new Uint8Array(10) }).slice();
    const dv = new DataView(z.buffer);
    let cd = 0;
    for (let p = z.length - 22; p >= 0; p--) if (dv.getUint32(p, true) === 0x02014b50) cd = p;
    const enc = z.slice();
    new DataView(enc.buffer).setUint16(cd + 8, 1, true);
    expect(unzip(enc, 'e.zip', MB)).toEqual({ ok: false, error: 'e.zip: a.shp 已加密，不支持 / a.shp is encrypted: not supported' });
    const m = z.slice();
    new DataView(m.buffer).setUint16(cd + 10, 14, true);
    expect(unzip(m, 'm.zip', MB)).toMatchObject({ ok: false, error: expect.stringMatching(/a\.shp uses compression method 14: only stored and deflate are supported/) });
    expect(unzip(z.subarray(0, z.length - 30), 'cut.zip', MB)).toMatchObject({ ok: false, error: 'cut.zip: zip 文件损坏，无法解压（找不到中央目录（文件不完整？）） / corrupt zip archive, cannot extract (no central directory found (incomplete file?))' });
  });
});
