/** A fake CliIO over the real fixture files, capturing stdout/stderr/written files (for in-process CLI tests). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from '../io';

export const IMPORT_FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import');

export function captureIO(extra: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '', written: new Map<string, string>() };
  const io: CliIO = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    readFile: async (p) => {
      if (p in extra) return new TextEncoder().encode(extra[p]);
      try {
        return new Uint8Array(readFileSync(p));
      } catch (err) {
        throw Object.assign(new Error('nope'), { code: (err as { code?: string }).code });
      }
    },
    writeFile: async (p, d) => {
      out.written.set(p, typeof d === 'string' ? d : new TextDecoder().decode(d));
    },
    now: () => new Date(0),
  };
  return { io, out };
}

export const fx = (name: string): string => join(IMPORT_FIXTURES, name);
