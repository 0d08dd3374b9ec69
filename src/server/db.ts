/** The connection: DATABASE_URL (libpq URL), optionally FARMLAND_DB_SCHEMA (a schema of its own); one pool per process. */
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

export class DbConfigError extends Error {}

/** A pool on DATABASE_URL (or the given URL). Throws DbConfigError with a hint when none is set. */
export function openPool(url = process.env.DATABASE_URL, max = 4, schema = process.env.FARMLAND_DB_SCHEMA): pg.Pool {
  if (!url)
    throw new DbConfigError(
      '没有数据库连接 / no database: set DATABASE_URL, e.g. DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME (PostgreSQL ≥ 13 with PostGIS ≥ 3)',
    );
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new DbConfigError(`FARMLAND_DB_SCHEMA must be a plain lower-case name, got "${schema}"`);
  // a schema of its own (tables created there, PostGIS found in public), e.g. for tests sharing a database.
  // Serving settings for every session (docs/scale.md): JIT made the impact query 7× slower, and many small
  // queries gain nothing from parallel workers; a little more work_mem keeps a 20 km site's rows in memory.
  const opts = ['-c jit=off', '-c max_parallel_workers_per_gather=0', '-c work_mem=32MB', ...(schema ? [`-c search_path=${schema},public`] : [])];
  return new pg.Pool({ connectionString: url, max, options: opts.join(' ') });
}

/** Run fn inside one transaction on one connection; rolled back on any error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}
