/**
 * Issue 14's size rule: no source file over 400 lines, except the GeoJSON scanner and the tile index, each of which
 * says in a comment why it is longer ("Longer than our 400-line habit on purpose: …").
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const LINE_LIMIT = 400;
export const ALLOWED_LONG = ['src/core/io/flatGeojson.ts', 'src/worker/tiles/tileIndex.ts'];
export const WHY_MARKER = 'Longer than our 400-line habit on purpose';

/** Source files (not tests) under src, relative to the repository, with their line counts. */
export function sourceFiles(repo: string): { file: string; lines: number; text: string }[] {
  const out: { file: string; lines: number; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        out.push({ file: path.relative(repo, p).split(path.sep).join('/'), lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), text });
      }
    }
  };
  walk(path.join(repo, 'src'));
  return out;
}

/** Files over the limit that are not allowed, and allowed ones that do not say why. */
export function sizeViolations(files: readonly { file: string; lines: number; text: string }[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (f.lines <= LINE_LIMIT) continue;
    if (!ALLOWED_LONG.includes(f.file)) out.push(`${f.file}: ${f.lines} lines (limit ${LINE_LIMIT}) — split it by concept`);
    else if (!f.text.includes(WHY_MARKER)) out.push(`${f.file}: ${f.lines} lines without a comment saying why ("${WHY_MARKER}: …")`);
  }
  return out;
}
