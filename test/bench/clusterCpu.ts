/**
 * CPU seconds used so far by a local PostgreSQL cluster (its postmaster and every process it started: backends,
 * walwriter, autovacuum …), read from /proc — so a bench can say how much CPU a load took in Node and in the
 * database, which a machine shared with other work does not distort the way the wall clock is distorted.
 * Undefined when the server is not on this machine or /proc is not readable. Processes that ended meanwhile (a
 * pool closes idle connections) count through the postmaster's children's CPU (cutime, cstime: it waits for them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from '../../src/server/db';

const TICKS = 100; // USER_HZ on Linux

function statOf(pid: string): { ppid: number; cpu: number; ended: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state ppid … utime (14th field overall → index 11 here), stime, cutime, cstime
    return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICKS, ended: (Number(f[13]) + Number(f[14])) / TICKS };
  } catch {
    return undefined;
  }
}

export async function clusterCpuSeconds(pool: Pool): Promise<number | undefined> {
  try {
    const dir = (await pool.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'")).rows[0].setting;
    const postmaster = readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
    const pm = statOf(postmaster);
    let sum = pm ? pm.cpu + pm.ended : 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const st = statOf(pid);
      if (st && String(st.ppid) === postmaster) sum += st.cpu;
    }
    return sum;
  } catch {
    return undefined;
  }
}

/** CPU seconds of this process's children that have ended and been waited for (cutime + cstime of /proc/self). */
export function selfChildrenCpuSeconds(): number {
  return statOf('self')?.ended ?? 0;
}
