/** A small argv parser: positionals, `--flag`, `--opt value`, `--opt=value`, repeatable options. */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

/** Options that take a value; everything else starting with -- is a boolean flag. */
const VALUE_OPTIONS = new Set([
  'kind', 'method', 'layer', 'targets', 'region', 'xlsx', 'site', 'supplement', 'manifest', 'o', 'out', 'to', 'epsg',
  'encoding', 'mapping', 'config', 'coefficients', 'fee-rate', 'ledger', 'year', 'tolerance', 'csv-out', 'geojson',
  'area-basis', 'units', 'level', 'control-units', 'control-level', 'tables', 'region-boundaries', 'densify',
  'before', 'after', 'changes', 'level', 'sliver', 'hs-before', 'hs-after',
  'vintage', 'name', 'role', 'host', 'port', 'dashboard', 'app',
]);

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      const body = a.replace(/^--?/, '');
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      if (VALUE_OPTIONS.has(name)) {
        const value: string | undefined = eq >= 0 ? body.slice(eq + 1) : argv[i + 1];
        if (eq < 0) i++;
        if (value === undefined) throw new UsageError(`option --${name} needs a value`);
        const list = options.get(name) ?? [];
        list.push(value);
        options.set(name, list);
      } else {
        flags.add(name);
      }
      continue;
    }
    if (command === undefined) command = a;
    else positionals.push(a);
  }
  return { command, positionals, options, flags };
}

export const opt = (args: ParsedArgs, name: string): string | undefined => args.options.get(name)?.at(-1);
export const opts = (args: ParsedArgs, name: string): string[] => args.options.get(name) ?? [];
