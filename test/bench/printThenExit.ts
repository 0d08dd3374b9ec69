/** A bench script's entry: its table on stdout and exit 0, or the error on stderr and exit 1. */
export function printThenExit<T>(work: Promise<T>, table: (r: T) => string): void {
  work.then(
    (r) => {
      process.stdout.write(`${table(r)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
