import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyProblems, importedPackages, packageOf } from './dependencies';

const repo = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('package.json declares what the code imports, and nothing else', () => {
  const imported = importedPackages(repo);

  it('reads the real imports (not an empty list)', () => {
    expect(imported.size).toBeGreaterThan(20);
    expect(imported.has('maplibre-gl')).toBe(true);
  });

  it('has no undeclared import and no unused dependency', () => {
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(dependencyProblems(declared, new Set(imported.keys()))).toEqual({ undeclared: [], unused: [] });
  });

  it('names packages from specifiers and catches both kinds of problem', () => {
    expect(['react-dom/server', '@turf/area', '@a/b/c', './x', 'node:fs', 'fs', 'path/posix'].map(packageOf)).toEqual(['react-dom', '@turf/area', '@a/b', undefined, undefined, undefined, undefined]);
    const p = dependencyProblems(['shpjs', '@types/shpjs', '@types/pg', 'pg', 'tsx', '@types/node', '@types/geojson'], new Set(['pg', '@turf/boolean-point-in-polygon', 'geojson']));
    expect(p).toEqual({ undeclared: ['@turf/boolean-point-in-polygon'], unused: ['@types/shpjs', 'shpjs'] });
  });
});
