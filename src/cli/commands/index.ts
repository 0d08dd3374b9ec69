/** The command table. Each command lives in its own file. */
import type { ParsedArgs } from '../args';
import type { CliIO } from '../io';
import { areaCommand } from './area';

export interface Command {
  summary: string;
  usage: string;
  run: (args: ParsedArgs, io: CliIO) => Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  area: areaCommand,
};
