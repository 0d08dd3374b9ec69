/**
 * `--name N` from the command line of a bench script, or `dflt` when it is not given.
 *
 * @param name - the option without its dashes
 * @param dflt - the value when the option is absent
 * @returns the number after the option
 * @example
 * const rounds = numberArg('rounds', 3); // npx tsx test/bench/x.ts --rounds 5
 */
export function numberArg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
