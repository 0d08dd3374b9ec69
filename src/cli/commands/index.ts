/** The command table. Each command lives in its own file. */
import type { ParsedArgs } from '../args';
import type { CliIO } from '../io';
import { areaCommand } from './area';
import { convertCommand } from './convert';
import { packCommand } from './pack';
import { infoCommand } from './info';
import { validateCommand } from './validate';
import { summaryCommand } from './summary';
import { ledgerCommand } from './ledger';
import { impactCommand } from './impact';
import { balanceCommand } from './balance';
import { adjustCommand } from './adjust';
import { tablesCommand } from './tables';
import { changeCommand } from './change';
import { dbCommand } from './db';
import { serveCommand } from './serve';

export interface Command {
  summary: string;
  usage: string;
  run: (args: ParsedArgs, io: CliIO) => Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  area: areaCommand,
  info: infoCommand,
  convert: convertCommand,
  pack: packCommand,
  validate: validateCommand,
  summary: summaryCommand,
  ledger: ledgerCommand,
  impact: impactCommand,
  balance: balanceCommand,
  adjust: adjustCommand,
  tables: tablesCommand,
  change: changeCommand,
  db: dbCommand,
  serve: serveCommand,
};
