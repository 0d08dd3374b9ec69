/**
 * The province server for the e2e tests: a schema of its own in DATABASE_URL's database (created with the
 * server's schema, dropped at the end), `farmland` commands run in-process against it, and `farmland serve`
 * (buildServer) listening on a free local port beside the built dashboard.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { runCli } from '../../src/cli/main';
import { buildServer } from '../../src/server/app';
import { openPool, type Pool } from '../../src/server/db';
import { initSchema } from '../../src/server/schemaUpgrade';
import { fakeIO } from '../helpers/fakeIO';

export interface ProvinceServer {
  pool: Pool;
  /** A `farmland …` command in-process, on this schema. */
  cli(args: string[]): Promise<{ code: number; out: string; err: string; written: ReadonlyMap<string, Uint8Array | string> }>;
  /** Serve it (the province page links to the dashboard: `dashboardUrl`, or the built one it serves from `appDir`); answers the server's address. */
  listen(opts: { dashboardUrl?: string; appDir?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function provinceServer(dbUrl: string, schema: string): Promise<ProvinceServer> {
  const admin = openPool(dbUrl, 1, undefined);
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = openPool(dbUrl, 4, schema);
  await initSchema(pool);
  let app: FastifyInstance | undefined;
  return {
    pool,
    async cli(args) {
      const f = fakeIO({}, { now: new Date('2026-01-01T00:00:00Z'), fallback: (p) => new Uint8Array(readFileSync(p)) });
      process.env.FARMLAND_DB_SCHEMA = schema;
      try {
        const code = await runCli(args, f.io);
        return { code, out: f.out(), err: f.err(), written: f.written };
      } finally {
        delete process.env.FARMLAND_DB_SCHEMA;
      }
    },
    async listen(opts) {
      app = await buildServer({ pool, ...opts });
      return app.listen({ host: '127.0.0.1', port: 0 });
    },
    async close() {
      await app?.close();
      await pool.end();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}
