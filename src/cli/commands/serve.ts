/** `farmland serve` — the HTTP API over the PostGIS province store (src/server/app.ts). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from '../../server/app';
import { DbConfigError, openPool, type Pool } from '../../server/db';
import { keepSummariesWarm } from '../../server/summaryDb';
import { opt, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import type { Command } from './index';

const usage = `farmland serve [--host 127.0.0.1] [--port 8787] [--dashboard URL] [--app DIR]

Serves the province loaded with \`farmland db load\` (connection: DATABASE_URL): vector tiles /tiles/KIND/Z/X/Y
(ST_AsMVT; coverage cells below the detail zoom), /api/summary?region=CODE (pre-aggregated, same JSON as
\`farmland summary --json\`), /api/parcel/KIND/COUNTY/POS, /api/at?lon&lat, /api/parcels?bbox=W,S,E,N,
POST /api/impact, POST /api/balance, /api/scenarios, /api/login, /api/audit. Binds 127.0.0.1 unless --host says otherwise.
With users (\`farmland db user\`), every route needs a login; viewers cannot write.
/ is the province page: regions against their targets, drilling down to a county, which opens in the dashboard
(--dashboard, default http://127.0.0.1:5173/) from /api/county/CODE/manifest.json; "open the province" opens the
dashboard in server mode (?server=<this server>: the province as vector tiles from here, drilling down to counties).
--app DIR serves the built dashboard (\`npm run build\` → dist) under /app/ on this server, and the page links there.
`;

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const host = opt(args, 'host') ?? '127.0.0.1';
  const portArg = opt(args, 'port') ?? '8787';
  if (!/^\d{1,5}$/.test(portArg) || Number(portArg) > 65535) throw new UsageError(`--port takes a port number, got "${portArg}"`);
  let pool: Pool;
  try {
    pool = openPool(undefined, 8);
  } catch (err) {
    if (err instanceof DbConfigError) {
      io.stderr(`farmland: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  const appDir = opt(args, 'app');
  if (appDir !== undefined && !existsSync(join(appDir, 'index.html'))) throw new UsageError(`--app takes the built dashboard's folder (npm run build → dist), no index.html in "${appDir}"`);
  const app = await buildServer({ pool, dashboardUrl: opt(args, 'dashboard'), appDir });
  const address = await app.listen({ host, port: Number(portArg) });
  io.stderr(`farmland serve: ${address}\n`);
  // the province's and the counties' summaries computed after every load, before anyone asks
  const warm = keepSummariesWarm(pool, { onError: (err) => io.stderr(`farmland serve: 汇总预计算失败 / warming the summaries failed: ${(err as Error).message}\n`) });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  warm.stop();
  await app.close();
  await pool.end();
  return EXIT.ok;
}

export const serveCommand: Command = { summary: 'HTTP server over the PostGIS store: tiles, summaries, inspect, impact, scenarios', usage, run };
