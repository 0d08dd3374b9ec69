/** `farmland ledger` — the 以补定占 ledger: occupation and supplement projects → next year's cap and what remains. */
import { ledger, ledgerTable, parseLedgerOptions, parseProjects } from '../../core/analysis/ledger';
import { formatNumber } from '../../core/area/units';
import { csvTable } from '../../core/report/csv';
import { jsonDocument } from '../../core/report/json';
import { buildMetadata, type InputFileMeta, metadataRows } from '../../core/report/metadata';
import { writeXlsx } from '../../core/report/xlsx';
import type { Finding } from '../../core/types';
import { opt, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, InputError, printFindings } from '../load';
import { readJsonFile } from '../manifest';
import type { Command } from './index';
import { textTable } from './summary';

const usage = `farmland ledger FILE [--config FILE] [--region PREFIX] [--json | --csv] [--xlsx OUT]

以补定占 ledger. FILE: projects as JSON ([…] or {"projects":[…]}) or CSV with header
region,year,type,mu,name[,stable,purpose,illegal] (type occupation|supplement or 占用|补充). Per region and year:
supplemented (stably used), occupied, net increase; next year's occupation cap = net increase − quota frozen by
illegal construction (0 when net < 0); this year's cap (from last year's net) and what remains of it.
  --config FILE   rule options: {"cap_ratio":1,"count_unstable":false,"cap_applies_to":"construction"|"all",
                  "freeze_ratio":1,"initial_caps":{"REGION":亩}} (or under a "ledger" key)
  --region PREFIX only regions starting with PREFIX
See docs/targets-format.md (ledger section) for the rule and the file format.
`;

async function readInput(path: string, io: CliIO): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? '文件不存在 / no such file' : `无法读取 / cannot read (${code ?? String(err)})`}`);
  }
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const path = args.positionals[0];
  if (!path) throw new UsageError(`ledger needs a FILE\n\n${usage}`);
  if (args.flags.has('json') && args.flags.has('csv')) throw new UsageError('choose one of --json and --csv');
  const region = opt(args, 'region');
  const configPath = opt(args, 'config');
  const findings: Finding[] = [];
  const inputs: InputFileMeta[] = [];
  const name = path.split(/[\\/]/).pop() ?? path;
  let parsed: ReturnType<typeof parseProjects>;
  let options: ReturnType<typeof parseLedgerOptions>['options'] = {};
  try {
    parsed = parseProjects(await readInput(path, io), name);
    inputs.push({ file: name, role: 'ledger projects' });
    if (configPath !== undefined) {
      const o = parseLedgerOptions(await readJsonFile(configPath, io), configPath.split(/[\\/]/).pop() ?? configPath);
      findings.push(...o.findings);
      options = o.options;
      inputs.push({ file: configPath, role: 'ledger options' });
    }
  } catch (err) {
    return exitOnInputError(err, [], io);
  }
  findings.unshift(...parsed.findings);
  printFindings(findings, io);
  if (parsed.projects.length === 0 && parsed.findings.some((f) => f.code === 'ledger.format' || f.code === 'ledger.header' || f.code === 'ledger.projects')) return EXIT.usage;
  const projects = region === undefined ? parsed.projects : parsed.projects.filter((p) => p.region.startsWith(region));
  const report = ledger(projects, options);
  const meta = buildMetadata({ inputs, now: io.now(), region, notes: report.rule });
  const table = ledgerTable(report);
  const xlsxOut = opt(args, 'xlsx');
  if (xlsxOut !== undefined) {
    await io.writeFile(xlsxOut, await writeXlsx([table], meta));
    io.stderr(`已写入 / wrote ${xlsxOut}\n`);
  }
  if (args.flags.has('json')) {
    io.stdout(
      jsonDocument(
        {
          rule: report.rule,
          options: report.options,
          rows: report.rows.map((r) => ({
            region: r.region, year: r.year, projects: r.projects, supplemented_mu: r.supplementedMu, unstable_mu: r.unstableMu, occupied_mu: r.occupiedMu,
            used_mu: r.usedMu, frozen_mu: r.frozenMu, net_increase_mu: r.netIncreaseMu, balanced: r.balanced, cap_mu: r.capMu, remaining_mu: r.remainingMu,
            exceeded: r.exceeded, next_year_cap_mu: r.nextYearCapMu,
          })),
          totals: report.totals.map((r) => ({ year: r.year, supplemented_mu: r.supplementedMu, occupied_mu: r.occupiedMu, net_increase_mu: r.netIncreaseMu, cap_mu: r.capMu, remaining_mu: r.remainingMu, next_year_cap_mu: r.nextYearCapMu })),
        },
        meta,
      ),
    );
  } else if (args.flags.has('csv')) {
    io.stdout(csvTable(table, metadataRows(meta)));
  } else {
    const f = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) && v > 1900 && v < 2200 ? String(v) : formatNumber(v, 2)) : v === null ? '—' : String(v));
    io.stdout(`以补定占台账（亩）\n规则：\n${report.rule.map((r) => `  · ${r.split(' / ')[0]}`).join('\n')}\n\n`);
    io.stdout(textTable(['区域', '年度', '补充', '占用', '净增加', '本年上限', '计入上限的占用', '本年剩余', '下年度上限'], table.rows.map((r) => [r[0], r[1], r[3], r[5], r[8], r[10], r[6], r[11], r[13]].map(f))));
    const over = report.rows.filter((r) => r.exceeded);
    for (const r of over) io.stderr(`警告 warning: ${r.region} ${r.year} 年占用 ${formatNumber(r.usedMu, 2)} 亩超出上限 ${formatNumber(r.capMu ?? 0, 2)} 亩 / occupation exceeds the cap\n`);
  }
  return findings.some((x) => x.severity === 'error') ? EXIT.findings : EXIT.ok;
}

export const ledgerCommand: Command = { summary: '以补定占 ledger: next year’s occupation cap and what remains', usage, run };
