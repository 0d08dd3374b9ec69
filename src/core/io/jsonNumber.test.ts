import { describe, expect, it } from 'vitest';
import { JsonNumberReader } from './jsonNumber';
import { rng } from '../../../test/bench/browser/genParcels';

const enc = (s: string) => new TextEncoder().encode(s);

describe('JsonNumberReader', () => {
  it('gives what JSON.parse gives, bit for bit, and where the number ends', () => {
    const r = new JsonNumberReader();
    const texts = [
      '0', '-0', '7', '-12.5', '127.2080201', '45.6000576', '4760.98', '0.1', '0.3', '1e3', '1E-3', '-2.5e+10',
      '4.9e-324', '1e400', '9007199254740993', '9007199254740992.5', '123456789012345678901234567890',
      '0.0000000000000000000001', '0.00000000000000000000001', '1.7976931348623157e308',
    ];
    const g = rng(11);
    for (let i = 0; i < 5000; i++) texts.push(`${g() < 0.3 ? '-' : ''}${Math.floor(g() * 1e6)}.${String(Math.floor(g() * 1e12)).padStart(1 + Math.floor(g() * 14), '0')}`);
    for (const t of texts) {
      const b = enc(`${t},`);
      expect(Object.is(r.read(b, 0), JSON.parse(t)), t).toBe(true);
      expect(r.end, t).toBe(t.length);
    }
  });

  it('gives NaN where JSON has no number (leading zero, bare sign or point, empty exponent)', () => {
    const r = new JsonNumberReader();
    for (const t of ['01', '-', '-a', '1.', '.5', '1e', '1e+', '+1', 'x', '--1']) expect(r.read(enc(`${t},`), 0), t).toBeNaN();
  });
});
