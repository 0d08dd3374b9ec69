/**
 * `farmland` — the engine on the command line. JSON goes to stdout alone; messages go to stderr and name file
 * and feature. Exit 0 ok, 1 findings/errors in the data, 2 usage or unreadable input.
 */
import { parseArgs, UsageError } from './args';
import { COMMANDS } from './commands';
import { type CliIO, EXIT, nodeIO } from './io';

export const USAGE = `farmland — 耕地保护一张图 engine

usage: farmland <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run "farmland <command> --help" for a command's options.
Exit codes: 0 ok · 1 findings or errors in the data · 2 usage or unreadable input.
`;

export async function runCli(argv: readonly string[], io: CliIO = nodeIO): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === undefined || args.command === 'help' || (args.command === undefined && args.flags.has('help'))) {
      io.stdout(USAGE);
      return args.command === undefined && !args.flags.has('help') ? EXIT.usage : EXIT.ok;
    }
    const cmd = COMMANDS[args.command];
    if (!cmd) {
      io.stderr(`farmland: unknown command "${args.command}"\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (args.flags.has('help') || args.flags.has('h')) {
      io.stdout(cmd.usage);
      return EXIT.ok;
    }
    return await cmd.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`farmland: ${err.message}\n`);
      return EXIT.usage;
    }
    // Unexpected: one line, no stack trace (set FARMLAND_DEBUG=1 for it).
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr(`farmland: internal error: ${msg}\n`);
    if (typeof process !== 'undefined' && process.env.FARMLAND_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
    return EXIT.usage;
  }
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /main\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
