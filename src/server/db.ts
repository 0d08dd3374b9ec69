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
  // a schema of its own (tables created there, PostGIS found in public), e.g. for tests sharing a database
  return new pg.Pool({ connectionString: url, max, ...(schema ? { options: `-c search_path=${schema},public` } : {}) });
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
