/**
 * A fake CliIO for running `farmland` commands in-process: files from a map (paths compared after resolving),
 * stdout/stderr captured, written files kept, a fixed clock. The boundary is faked, not the commands.
 */
import { resolve } from 'node:path';
import type { CliIO } from '../../src/cli/io';

export interface FakeIOOptions {
  /** The clock exports read (default 2026-11-28T09:00:00Z). */
  now?: Date;
  /** Bytes for paths not in the map (e.g. a fixtures folder); undefined → ENOENT. */
  fallback?: (path: string) => Uint8Array | undefined;
  /** Make writeFile throw (for commands that must write nothing). */
  noWrites?: boolean;
}

export function fakeIO(files: Record<string, string | Uint8Array> = {}, opts: FakeIOOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, Uint8Array | string>();
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: async (p) => {
      const key = p in files ? p : Object.keys(files).find((k) => resolve(k) === resolve(p));
      if (key !== undefined) {
        const v = files[key];
        return typeof v === 'string' ? new TextEncoder().encode(v) : v;
      }
      const fb = opts.fallback?.(p);
      if (fb !== undefined) return fb;
      throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    },
    writeFile: async (p, d) => {
      if (opts.noWrites) throw new Error('this command writes no files');
      written.set(p, d);
    },
    now: () => opts.now ?? new Date(Date.UTC(2026, 10, 28, 9, 0, 0)),
  };
  const stdout = () => out.join('');
  const stderr = () => err.join('');
  return { io, out: stdout, err: stderr, stdout, stderr, written };
}
