import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreImportEdges, type ImportEdge, orderViolations, parseImports } from './importOrder';

const repo = path.resolve(__dirname, '../..');

describe('src/core depends one way', () => {
  const edges = coreImportEdges(repo);

  it('reads the real import graph (not an empty one)', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual(expect.objectContaining({ from: 'src/core/analysis/summary.ts', to: 'src/core/layers/layer' }));
  });

  it('has no import against the order', () => {
    expect(orderViolations(edges)).toEqual([]);
  });

  it('catches an upward edge, a sideways edge, an unknown folder and an escape from core', () => {
    const bad: ImportEdge[] = [
      { from: 'src/core/io/readGeojson.ts', line: 3, spec: '../analysis/summary', to: 'src/core/analysis/summary' },
      { from: 'src/core/area/area.ts', line: 1, spec: '../index/spatialIndex', to: 'src/core/index/spatialIndex' },
      { from: 'src/core/types.ts', line: 1, spec: './io/csv', to: 'src/core/io/csv' },
      { from: 'src/core/misc/x.ts', line: 1, spec: '../io/zip', to: 'src/core/io/zip' },
      { from: 'src/core/io/zip.ts', line: 9, spec: '../../worker/protocol', to: 'src/worker/protocol' },
    ];
    const v = orderViolations(bad);
    expect(v).toHaveLength(5);
    expect(v[0]).toMatch(/src\/core\/io\/readGeojson\.ts:3 .*core\/io may not depend on core\/analysis/);
    expect(v[1]).toMatch(/core\/area may not depend on core\/index/);
    expect(v[2]).toMatch(/core\/\(root\)|core\/ may not depend on core\/io/);
    expect(v[3]).toMatch(/src\/core\/misc has no place in the order/);
    expect(v[4]).toMatch(/imports nothing outside src\/core/);
  });

  it('allows downward edges, same-folder edges and packages', () => {
    const ok: ImportEdge[] = [
      { from: 'src/core/report/csv.ts', line: 1, spec: '../table', to: 'src/core/table' },
      { from: 'src/core/engine/loadLayer.ts', line: 1, spec: '../io/readGeojson', to: 'src/core/io/readGeojson' },
      { from: 'src/core/io/readAny.ts', line: 1, spec: './zip', to: 'src/core/io/zip' },
      { from: 'src/core/io/zip.ts', line: 1, spec: 'fflate' },
    ];
    expect(orderViolations(ok)).toEqual([]);
  });

  it('parses multi-line, type-only, re-export and dynamic imports, and skips comments', () => {
    const text = [
      "import {",
      "  a,",
      "  b,",
      "} from './one';",
      "import type { T } from '../two';",
      "export { c } from './three';",
      "export * from './four';",
      "// import { x } from '../commented';",
      "/* import y from '../block'; */",
      "const m = await import('../five');",
      "import './six';",
    ].join('\n');
    expect(parseImports(text)).toEqual([
      { spec: './one', line: 1 },
      { spec: '../two', line: 5 },
      { spec: './three', line: 6 },
      { spec: './four', line: 7 },
      { spec: '../five', line: 10 },
      { spec: './six', line: 11 },
    ]);
  });
});
