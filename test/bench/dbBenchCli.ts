/**
 * The province bench's load as a bureau runs it: one `farmland db load --manifest … --region CODE` process per
 * county (its own heap: read, engine pass, COPY, indexes, transaction), the next county's process started as soon as
 * the previous one's backends build its indexes (Node then mostly waits), so at most two run at once. Each
 * process's own report (read s + database s = end to end) is parsed from its last line.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliLoadRun {
  code: string;
  parcels: number;
  readMs: number;
  dbMs: number;
  /** From the process's start to its exit. */
  wallMs: number;
}

/** The figures of a `db load` run's last line ("loaded county C: N parcels — read R s + database D s = …"). */
export function parseLoadLine(text: string): { county: string; parcels: number; readMs: number; dbMs: number } | undefined {
  const m = /loaded county (\d{6}): (\d+) parcels — read ([\d.]+) s \+ database ([\d.]+) s/.exec(text);
  return m ? { county: m[1], parcels: Number(m[2]), readMs: Number(m[3]) * 1000, dbMs: Number(m[4]) * 1000 } : undefined;
}

export function loadByCli(counties: readonly { code: string; manifest: string }[], schema: string, log: (line: string) => void): Promise<CliLoadRun[]> {
  return new Promise((resolve, reject) => {
    const runs: CliLoadRun[] = [];
    let started = 0;
    let finished = 0;
    let failed = false;
    const start = (i: number) => {
      if (i !== started || i >= counties.length || failed) return;
      started++;
      const { code, manifest } = counties[i];
      const t0 = performance.now();
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'db', 'load', '--manifest', manifest, '--region', code, '--vintage', '2024', '--name', `bench ${code}`], {
        cwd: ROOT,
        env: { ...process.env, FARMLAND_DB_SCHEMA: schema },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        err += d;
        if (err.length > 200_000) err = err.slice(-100_000);
        // its indexes are being built: the backends' work from here, so the next county may start reading
        if (d.includes('writing indexes: 0')) start(i + 1);
      });
      child.on('error', (e) => {
        failed = true;
        reject(e);
      });
      child.on('close', (status) => {
        const r = parseLoadLine(err);
        if (status !== 0 || !r) {
          failed = true;
          reject(new Error(`db load of ${manifest} as ${code} exited ${status}:\n${err.slice(-2000)}`));
          return;
        }
        const run = { code, parcels: r.parcels, readMs: r.readMs, dbMs: r.dbMs, wallMs: performance.now() - t0 };
        runs[i] = run;
        log(`county ${code}: ${run.parcels.toLocaleString('en')} parcels — read ${(run.readMs / 1000).toFixed(1)} s + database ${(run.dbMs / 1000).toFixed(1)} s (process ${(run.wallMs / 1000).toFixed(1)} s${i > 0 ? ', started while the previous one built its indexes' : ''})`);
        start(i + 1);
        if (++finished === counties.length) resolve(runs);
      });
    };
    if (counties.length === 0) resolve(runs);
    else start(0);
  });
}
