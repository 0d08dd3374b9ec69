/** The worker's load request beyond a chosen kind: kind recognised from fields, explicit EPSG, field mapping. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandler } from './handler';
import type { Progress } from './protocol';

const IMPORT = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'import');
const bytesOf = (name: string): ArrayBuffer => {
  const b = readFileSync(join(IMPORT, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const ctx = { progress: (_p: Progress) => {}, transfer: (_b: ArrayBuffer) => {} };
const square = (x: number, y: number, d = 0.001) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const text = (o: unknown): ArrayBuffer => new TextEncoder().encode(JSON.stringify(o)).buffer as ArrayBuffer;

describe('worker load: import options', () => {
  it("kind 'auto' takes the kind the standard fields make obvious", async () => {
    const h = createHandler();
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { YJJBNTTBBH: 'J1', YJJBNTTBMJ: 1 }, geometry: { type: 'Polygon', coordinates: square(126, 46) } }] };
    const res = await h.handle('load', { layerId: 'a', kind: 'auto', file: 'jbnt.geojson', source: { bytes: text(fc) }, blockOnError: false }, ctx);
    expect(res.kind).toBe('permanent-basic');
    expect(res.blocked).toBe(false);
    expect(res.layer?.name).toContain('永久基本农田');
  });

  it("kind 'auto' asks when the fields do not tell, naming them", async () => {
    const h = createHandler();
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 编号: 'x', 面积: 1 }, geometry: { type: 'Polygon', coordinates: square(126, 46) } }] };
    const res = await h.handle('load', { layerId: 'b', kind: 'auto', file: 'x.geojson', source: { bytes: text(fc) }, blockOnError: true }, ctx);
    expect(res.blocked).toBe(true);
    expect(res.needsKind).toBe(true);
    expect(res.fields).toEqual(['编号', '面积']);
    expect(res.findings.at(-1)?.message).toMatch(/x\.geojson.*编号, 面积/);
  });

  it('a field mapping feeds non-standard names into the attributes', async () => {
    const h = createHandler();
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 编号: 'p1', 地类: '0101', 等级: 3 }, geometry: { type: 'Polygon', coordinates: square(126, 46) } }] };
    const res = await h.handle(
      'load',
      { layerId: 'c', kind: 'cultivated', file: 'm.geojson', source: { bytes: text(fc) }, blockOnError: true, mapping: { id: '编号', dlbm: '地类', gddj: '等级' } },
      ctx,
    );
    expect(res.blocked).toBe(false);
    const hits = await h.handle('inspect', { lon: 126.0005, lat: 46.0005, layerIds: ['c'] }, ctx);
    expect(hits.hits[0]).toMatchObject({ id: 'p1' });
  });

  it('an explicit EPSG code reads metre coordinates that have no .prj', async () => {
    const h = createHandler();
    const without = await h.handle('load', { layerId: 'd', kind: 'cultivated', file: 'bad-noprj-gk39.zip', source: { bytes: bytesOf('bad-noprj-gk39.zip') }, blockOnError: true }, ctx);
    expect(without.blocked).toBe(true);
    expect(without.findings.map((f) => f.message).join('\n')).toMatch(/4527/);
    const withEpsg = await h.handle('load', { layerId: 'e', kind: 'cultivated', file: 'bad-noprj-gk39.zip', source: { bytes: bytesOf('bad-noprj-gk39.zip') }, blockOnError: true, epsg: 4527 }, ctx);
    expect(withEpsg.blocked).toBe(false);
    expect(withEpsg.layer?.count).toBeGreaterThan(0);
    const [x0, y0, x1, y1] = withEpsg.layer?.bbox ?? [0, 0, 0, 0];
    // zone 39 (CM 117° E): lon/lat now, in the fixture’s area near 117.3° E 36.1° N
    expect([x0 > 116 && x1 < 118.5, y0 > 35 && y1 < 37.5]).toEqual([true, true]);
  });
});
