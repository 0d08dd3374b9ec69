/**
 * Declared against imported packages (a small depcheck): every package an import names is declared in package.json,
 * and every declared package is imported — or is a tool run by name (TOOLS) or the typings of one that is.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parseImports } from './importOrder';

/** Declared and used without an import: command-line tools and runners. */
export const TOOLS: Readonly<Record<string, string>> = {
  tsx: 'runs the CLI and the bench (package.json scripts, bin/farmland.mjs)',
  typescript: 'npm run typecheck',
  '@biomejs/biome': 'npm run lint',
};

/** The package an import specifier names; undefined for relative paths and Node built-ins. */
export function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;

/** Packages imported by the repository's code (src, test, scripts, bin and the root config files), with one importer each. */
export function importedPackages(repo: string): Map<string, string> {
  const out = new Map<string, string>();
  const read = (p: string): void => {
    for (const { spec } of parseImports(fs.readFileSync(p, 'utf8'))) {
      const pkg = packageOf(spec);
      if (pkg && !out.has(pkg)) out.set(pkg, path.relative(repo, p));
    }
  };
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (SOURCE.test(e.name)) read(p);
    }
  };
  for (const d of ['src', 'test', 'scripts', 'bin']) walk(path.join(repo, d));
  for (const f of fs.readdirSync(repo)) if (SOURCE.test(f)) read(path.join(repo, f));
  return out;
}

/** `@types/x` is the typings of `x` (`@types/a__b` of `@a/b`). */
const typedPackage = (types: string): string => {
  const name = types.slice('@types/'.length);
  return name.includes('__') ? `@${name.replace('__', '/')}` : name;
};

/** Imported but not declared, and declared but neither imported, a tool, nor the typings of either (or of Node). */
export function dependencyProblems(declared: readonly string[], imported: ReadonlySet<string>): { undeclared: string[]; unused: string[] } {
  const has = new Set(declared);
  const used = (p: string): boolean => imported.has(p) || p in TOOLS;
  const undeclared = [...imported].filter((p) => !has.has(p) && !has.has(`@types/${p}`)).sort();
  const unused = declared.filter((p) => (p.startsWith('@types/') ? typedPackage(p) !== 'node' && !used(typedPackage(p)) : !used(p))).sort();
  return { undeclared, unused };
}
