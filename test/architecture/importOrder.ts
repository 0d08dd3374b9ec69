/**
 * The one-way order of src/core (docs/data-flow.md §"Core depends one way"): a folder may import only from folders
 * strictly below it, never sideways or up. Files at the root of src/core (types.ts, table.ts, version.ts) are the
 * floor every folder may use; they import no folder. Tests (`*.test.ts`) are exempt: they exercise whole paths.
 *
 * This is a check over the source text (import / export … from / import()), run by `npm test` through
 * importOrder.test.ts, so a wrong edge fails CI with the file, the line and the rule it breaks.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Rank of each src/core folder, lowest first. Same rank = independent of each other (area and index). */
export const CORE_ORDER: Readonly<Record<string, number>> = {
  area: 0,
  index: 0,
  io: 1,
  layers: 2,
  validate: 3,
  overlay: 4,
  analysis: 5,
  // year-on-year change (issue #17) compares vintages with overlay and analysis results
  change: 6,
  report: 7,
  engine: 8,
};

/** Rank of the files directly in src/core (shared types): below everything. */
const ROOT = -1;

export interface ImportEdge {
  /** Importing file, relative to the repository root, with '/' separators. */
  from: string;
  line: number;
  /** The specifier as written. */
  spec: string;
  /** Resolved target relative to the repository root (no extension), or undefined for packages. */
  to?: string;
}

const IMPORT_RE = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import in a source text, with its line number (1-based). Comments are skipped. */
export function parseImports(text: string): { spec: string; line: number }[] {
  // blank out comments but keep line breaks so line numbers stay right
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, ' '));
  const out: { spec: string; line: number }[] = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (spec === undefined) continue;
    const at = m.index + m[0].length - m[0].trimStart().length;
    out.push({ spec, line: code.slice(0, at).split('\n').length });
  }
  return out;
}

/** Import edges of the non-test TypeScript files under `<repo>/src/core`. */
export function coreImportEdges(repo: string): ImportEdge[] {
  const core = path.join(repo, 'src/core');
  const edges: ImportEdge[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        const from = path.relative(repo, p).split(path.sep).join('/');
        for (const { spec, line } of parseImports(fs.readFileSync(p, 'utf8'))) {
          const to = spec.startsWith('.') ? path.relative(repo, path.resolve(dir, spec)).split(path.sep).join('/').replace(/\.(ts|tsx|js)$/, '') : undefined;
          edges.push({ from, line, spec, ...(to !== undefined ? { to } : {}) });
        }
      }
    }
  };
  walk(core);
  return edges;
}

/** The folder of src/core a path is in ('' for a file at the root of src/core), or undefined outside src/core. */
function coreFolder(p: string): string | undefined {
  const m = /^src\/core\/(.*)$/.exec(p);
  if (!m) return undefined;
  const parts = m[1]!.split('/');
  return parts.length === 1 ? '' : parts[0];
}

function rankOf(folder: string): number | undefined {
  return folder === '' ? ROOT : CORE_ORDER[folder];
}

/** Messages for every edge against the order (empty when the tree is clean). */
export function orderViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  const ranks = [...new Set(Object.values(CORE_ORDER))].sort((a, b) => a - b);
  const order = ranks.map((r) => Object.keys(CORE_ORDER).filter((k) => CORE_ORDER[k] === r).join(', ')).join(' → ');
  for (const e of edges) {
    const from = coreFolder(e.from);
    if (from === undefined || e.to === undefined) continue;
    const where = `${e.from}:${e.line} imports '${e.spec}'`;
    const to = coreFolder(e.to);
    if (to === undefined) {
      // data files such as package.json (version.ts) are fine; the rest of src is not
      if (e.to.startsWith('src/')) out.push(`${where}: src/core imports nothing outside src/core`);
      continue;
    }
    if (from === to) continue;
    const rf = rankOf(from);
    const rt = rankOf(to);
    if (rf === undefined) {
      out.push(`${where}: folder src/core/${from} has no place in the order; add it to CORE_ORDER in test/architecture/importOrder.ts`);
      continue;
    }
    if (rt === undefined) {
      out.push(`${where}: folder src/core/${to} has no place in the order; add it to CORE_ORDER in test/architecture/importOrder.ts`);
      continue;
    }
    if (rt >= rf) out.push(`${where}: core/${from} may not depend on core/${to || '(root)'} — the order is (root) → ${order}, imports point left`);
  }
  return out;
}
