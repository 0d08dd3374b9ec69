/**
 * `farmland db init | load | summary | user` — the province store on PostgreSQL/PostGIS (src/server).
 * The connection is DATABASE_URL.
 */
import { parseTargets, type TargetTable } from '../../core/analysis/targets';
import type { Finding } from '../../core/types';
import { hashPassword } from '../../server/auth';
import { DbConfigError, openPool, type Pool } from '../../server/db';
import { buildMetadata, jsonDocument, type Layer, readLayer, summaryJson } from '../../server/engine';
import { countyOf, loadCounty } from '../../server/loadCounty';
import { initSchema } from '../../server/schemaUpgrade';
import { summaryFromDb } from '../../server/summaryDb';
import { indicatorsFromDb } from '../../server/indicatorsDb';
import { indicatorsJson } from '../../core/report/indicatorsJson';
import type { RewardRates } from '../../core/analysis/indicators/rewardPenalty';
import { indicatorsNote, readRewardRates } from './indicatorsCli';
import { type AreaBasis, DEFAULT_AREA_BASIS, parseAreaBasis } from '../../core/area/netArea';
import { badBasis } from './summary';
import { opt, opts, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, InputError, parseLayerSpec, printFindings, readOptionsFromArgs } from '../load';
import { type ProjectFiles, withManifest } from '../manifest';
import type { Command } from './index';

const usage = `farmland db init [--reset]
farmland db load --layer KIND=FILE [--layer …] [--manifest FILE] [--targets FILE] [--config FILE] [--region COUNTY] [--vintage YEAR]
                 [--name NAME] [--accept-errors] [--epsg CODE] [--encoding ENC]
farmland db summary [--region CODE] [--area-basis net|polygon] [--json]
farmland db user NAME --role viewer|editor|admin      (password from the FARMLAND_PASSWORD environment variable)

The province store on PostgreSQL + PostGIS; the connection is DATABASE_URL (postgres://USER:PASSWORD@HOST:PORT/DB).
  init      create the schema (tables partitioned by county code, GiST indexes), or upgrade an existing one in place
            and list the counties that need loading again; --reset drops every table first
  load      read every file with the engine (any format it imports), then replace the county in one transaction
            with COPY: geometry (EPSG:4490) and a stored EPSG:3857 copy, attributes, 图斑面积 and 地类面积, findings,
            vintage, summary aggregates and coverage cells. The county is --region or the single county of the
            files' ZLDWDM codes. A file that cannot be read, or has errors (unless --accept-errors), loads nothing.
            The quality indicators are pre-aggregated too (--config or the manifest's config: 经济奖惩 rates).
  summary   the same JSON as \`farmland summary --json\` (indicators included), computed from the database's aggregates
  user      create or update a user of \`farmland serve\`
Exit: 0 ok · 1 errors in the data · 2 usage, unreadable input or no database.
`;

async function withPool<T>(io: CliIO, fn: (pool: Pool) => Promise<T>): Promise<T | number> {
  let pool: Pool;
  try {
    pool = openPool();
  } catch (err) {
    if (err instanceof DbConfigError) {
      io.stderr(`farmland: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

async function init(args: ParsedArgs, io: CliIO, pool: Pool): Promise<number> {
  const r = await initSchema(pool, { reset: args.flags.has('reset') });
  if (r.from > 0 && r.from < r.to) io.stderr(`数据库结构已就地升级 / schema upgraded in place (version ${r.from} → ${r.to}):\n${r.changes.map((c) => `  ${c}\n`).join('')}`);
  if (r.reload.length)
    io.stderr(
      `以下县需重新载入（farmland db load）/ load these counties again (farmland db load) — their stored figures lack ${r.reasons.join('; ')}:\n  ${r.reload.join(' ')}\n`,
    );
  io.stderr(`数据库结构已就绪 / schema ready (version ${r.to})\n`);
  return EXIT.ok;
}

async function load(args: ParsedArgs, io: CliIO, pool: Pool): Promise<number> {
  const t0 = performance.now();
  const line: ProjectFiles = { layers: opts(args, 'layer').map(parseLayerSpec), targets: opt(args, 'targets'), config: opt(args, 'config') };
  let rates: RewardRates | undefined;
  const manifestPath = opt(args, 'manifest');
  const region = opt(args, 'region');
  if (region !== undefined && !/^\d{6}$/.test(region)) throw new UsageError(`--region takes the 6-digit county code, got "${region}"`);
  const vintageArg = opt(args, 'vintage');
  if (vintageArg !== undefined && !/^\d{4}$/.test(vintageArg)) throw new UsageError(`--vintage takes a year such as 2023, got "${vintageArg}"`);
  const findings: Finding[] = [];
  const layers: { layer: Layer; findings: Finding[] }[] = [];
  let targets: TargetTable | undefined;
  try {
    const { layers: specs, targets: targetsPath, config: configPath } = await withManifest(line, manifestPath, io);
    if (specs.length === 0) throw new UsageError(`db load needs at least one --layer KIND=FILE (or --manifest)\n\n${usage}`);
    for (const spec of specs) {
      io.stderr(`读取 / reading ${spec.path} …\n`);
      const l = await readLayer(spec.kind, spec.path, io, readOptionsFromArgs(args), spec.name);
      findings.push(...l.findings);
      layers.push(l);
    }
    if (targetsPath !== undefined) {
      let bytes: Uint8Array;
      try {
        bytes = await io.readFile(targetsPath);
      } catch {
        throw new InputError(`${targetsPath}: 文件不存在或无法读取 / cannot read`);
      }
      const read = parseTargets(bytes, targetsPath.split(/[\\/]/).pop() ?? targetsPath);
      findings.push(...read.findings);
      if (read.findings.some((f) => f.severity === 'error')) throw new InputError(`${targetsPath}: 目标表有错误 / the targets table has errors`);
      targets = read.table;
    }
    if (configPath !== undefined) {
      const read = await readRewardRates(configPath, io);
      findings.push(...read.findings);
      rates = read.rates;
    }
  } catch (err) {
    return exitOnInputError(err, findings, io);
  }
  printFindings(findings, io);
  if (findings.some((f) => f.severity === 'error') && !args.flags.has('accept-errors')) {
    io.stderr('farmland: 数据有错误，未写入数据库（--accept-errors 可照样写入，错误图斑不入库） / errors in the data: nothing loaded (--accept-errors loads the valid parcels)\n');
    return EXIT.findings;
  }
  let county: string;
  try {
    county = region ?? countyOf(layers.map((l) => l.layer));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const isTty = process.stderr.isTTY === true;
  const r = await loadCounty(
    pool,
    { county, name: opt(args, 'name'), vintage: vintageArg === undefined ? undefined : Number(vintageArg), by: process.env.USER ?? '', layers, targets, ...(rates ? { rates } : {}) },
    (step, done, total) => io.stderr(`${isTty ? '\r' : ''}写入 / writing ${step}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}${isTty ? '' : '\n'}`),
  );
  // end to end from the first byte read: reading the files is part of a load (issue 19 §5 counts it)
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const all = performance.now() - t0;
  io.stderr(
    `${isTty ? '\n' : ''}已载入县 ${r.county}：${r.parcels} 个图斑，读取 ${s(all - r.ms)} s + 写入数据库 ${s(r.ms)} s = ${s(all)} s（${Math.round(r.parcels / (all / 1000))} 个/秒） / loaded county ${r.county}: ${r.parcels} parcels — read ${s(all - r.ms)} s + database ${s(r.ms)} s = ${s(all)} s end to end (${Math.round(r.parcels / (all / 1000))} parcels/s)\n`,
  );
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

async function summary(args: ParsedArgs, io: CliIO, pool: Pool): Promise<number> {
  const region = opt(args, 'region');
  if (region !== undefined && !/^\d{1,19}$/.test(region)) throw new UsageError(`--region takes a region code prefix (1–19 digits), got "${region}"`);
  const basisArg = opt(args, 'area-basis');
  const basis: AreaBasis = basisArg === undefined ? DEFAULT_AREA_BASIS : (parseAreaBasis(basisArg) ?? badBasis(basisArg));
  const s = await summaryFromDb(pool, { region, conflicts: true, basis });
  const indicators = await indicatorsFromDb(pool, { region, targets: s.targets });
  const files = await pool.query<{ file: string; kind: string; features: number }>('SELECT file, kind, features FROM fa_layer ORDER BY county, ord');
  const meta = buildMetadata({
    inputs: [{ file: process.env.DATABASE_URL?.replace(/\/\/[^@/]*@/, '//') ?? 'DATABASE_URL', role: 'database' }, ...files.rows.map((f) => ({ file: f.file, role: f.kind, features: f.features }))],
    now: io.now(),
    region,
    notes: ['由数据库预汇总表计算 / computed by the database from its pre-aggregated tables', indicatorsNote(indicators)],
  });
  if (args.flags.has('json')) io.stdout(jsonDocument({ ...summaryJson(s), indicators: indicatorsJson(indicators) }, meta));
  else
    for (const l of s.layers)
      io.stdout(`${l.name}\t${l.features} 图斑\t${l.area.mu.toFixed(2)} 亩\t${l.area.m2.toFixed(3)} m²\n`);
  return EXIT.ok;
}

async function user(args: ParsedArgs, io: CliIO, pool: Pool): Promise<number> {
  const name = args.positionals[1];
  const role = opt(args, 'role');
  if (!name || !/^[\w.@-]{1,64}$/u.test(name)) throw new UsageError('db user NAME --role viewer|editor|admin (NAME: letters, digits, . _ @ -)');
  if (role !== 'viewer' && role !== 'editor' && role !== 'admin') throw new UsageError('--role takes viewer, editor or admin');
  const password = process.env.FARMLAND_PASSWORD;
  if (!password || password.length < 8) throw new UsageError('set FARMLAND_PASSWORD (at least 8 characters) to the new password');
  await pool.query('INSERT INTO fa_user (name, role, hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, hash = EXCLUDED.hash', [
    name, role, await hashPassword(password),
  ]);
  await pool.query('INSERT INTO fa_audit (who, action, detail) VALUES ($1, $2, $3)', [process.env.USER ?? 'cli', 'user.set', JSON.stringify({ name, role })]);
  io.stderr(`用户 ${name}（${role}）已保存 / user saved\n`);
  return EXIT.ok;
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const sub = args.positionals[0];
  const fn = sub === 'init' ? init : sub === 'load' ? load : sub === 'summary' ? summary : sub === 'user' ? user : undefined;
  if (!fn) throw new UsageError(`db takes init, load, summary or user\n\n${usage}`);
  return withPool(io, (pool) => fn(args, io, pool));
}

export const dbCommand: Command = { summary: 'the province store on PostgreSQL/PostGIS: init, load, summary, user', usage, run };
