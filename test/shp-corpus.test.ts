/**
 * The Shapefile conformance corpus (issue 21): every case in test/fixtures/shp-corpus is read by our importer and
 * by `farmland area` / `farmland validate`, and must agree with what GDAL reads (expectations.json) — same
 * geometry type, area within 1e-9 on the same rings, same attributes — or refuse the record with a message
 * naming file, record and reason. Where ogr2ogr is installed, GDAL's reading is re-derived so the recorded
 * expectations cannot drift; without GDAL that part is skipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { captureIO } from '../src/cli/commands/importCli.testutil';
import { geometryArea } from '../src/core/area/area';
import { readImport } from '../src/core/io/readAny';
import type { AreaGeometry } from '../src/core/types';
import { type CorpusCase, corpusCases } from './fixtures/shp-corpus/cases';
import { type GdalFeature, type GdalReading, gdalRead, gdalVersion, hasGdal, planarArea } from './fixtures/shp-corpus/gdal';

const DIR = join(__dirname, 'fixtures/shp-corpus');
const FILES = join(DIR, 'files');
const expectations = JSON.parse(readFileSync(join(DIR, 'expectations.json'), 'utf8')) as { gdal: string; cases: Record<string, GdalReading> };
const cases = corpusCases();

const relClose = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b), 1e-300);

/** GDAL's attribute values as we give them: absent = null, date "YYYY/MM/DD" = "YYYY-MM-DD", logical letters = booleans. */
function normaliseGdal(props: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of fields) {
    let v = props[k] ?? null;
    if (typeof v === 'string' && /^\d{4}\/\d{2}\/\d{2}$/.test(v)) v = v.replace(/\//g, '-');
    if (typeof v === 'string' && /^[TtYyFfNn?]$/.test(v) && k === 'SF') v = v === '?' ? null : 'TtYy'.includes(v);
    out[k] = v;
  }
  return out;
}

function readCase(c: CorpusCase) {
  const shp = { name: `${c.name}.shp`, bytes: new Uint8Array(readFileSync(join(FILES, `${c.name}.shp`))) };
  const siblings = Object.keys(c.files)
    .filter((e) => e !== 'shp')
    .map((e) => ({ name: `${c.name}.${e}`, bytes: new Uint8Array(readFileSync(join(FILES, `${c.name}.${e}`))) }));
  return readImport(shp.name, shp.bytes, {}, siblings);
}

describe('Shapefile conformance corpus', () => {
  it('the committed files are what the builder writes (rebuild: npx tsx test/fixtures/shp-corpus/build.ts)', () => {
    for (const c of cases)
      for (const [ext, bytes] of Object.entries(c.files)) expect(Buffer.compare(readFileSync(join(FILES, `${c.name}.${ext}`)), Buffer.from(bytes)), `${c.name}.${ext}`).toBe(0);
    expect(Object.keys(expectations.cases).sort()).toEqual(cases.map((c) => c.name).sort());
  });

  for (const c of cases)
    it(`${c.name}: agrees with GDAL or refuses by record — ${c.about}`, () => {
      const gdal = expectations.cases[c.name].features;
      const r = readCase(c);
      expect(r.layers).toHaveLength(1);
      const layer = r.layers[0];
      const refused = c.ours.refused ?? {};
      const errors = [...r.findings, ...layer.findings].filter((f) => f.severity === 'error');
      // every error is a refused record, and every refused record has its error
      for (const e of errors) expect(Object.keys(refused).map(Number), e.message).toContain(e.featureIndex);
      for (const [i, pattern] of Object.entries(refused)) {
        const e = errors.find((x) => x.featureIndex === Number(i));
        expect(e?.message, `record ${Number(i) + 1}`).toMatch(new RegExp(`^${c.name}\\.shp: .*${pattern}`));
      }
      for (const w of c.ours.warnings ?? []) expect(layer.findings.map((f) => f.message).join('\n')).toMatch(new RegExp(w));
      expect(layer.features).toHaveLength(gdal.length);
      gdal.forEach((g: GdalFeature, i: number) => {
        const f = layer.features[i];
        const fields = Object.keys(f.properties ?? {});
        expect(f.properties, `record ${i + 1} attributes`).toEqual(c.ours.props?.[i] ?? normaliseGdal(g.props, fields));
        if (String(i) in refused) {
          expect(f.geometry, `record ${i + 1} refused`).toBeNull();
          return;
        }
        expect(f.geometry?.type ?? null, `record ${i + 1} geometry`).toBe(g.geometry);
        if (g.area !== null) {
          const ours = planarArea(f.geometry as { type: string; coordinates: unknown });
          expect(relClose(ours as number, g.area, 1e-9), `record ${i + 1}: area ${ours} vs GDAL ${g.area}`).toBe(true);
        }
      });
    });

  for (const c of cases)
    it(`${c.name}: farmland area and validate agree with GDAL on the same rings, or name the refused record`, async () => {
      const gdal = expectations.cases[c.name].features;
      const file = join(FILES, `${c.name}.shp`);
      const a = captureIO();
      const code = await runCli(['area', file, '--json'], a.io);
      const refused = Object.entries(c.ours.refused ?? {});
      if (refused.length) {
        expect(code).not.toBe(0);
        for (const [i, pattern] of refused) expect(a.out.stderr).toMatch(new RegExp(`${c.name}\\.shp: 第 ${Number(i) + 1} 条记录.* / .*${pattern}`));
      } else {
        expect(code, a.out.stderr).toBe(0);
        const rows = (JSON.parse(a.out.stdout) as { features: { index: number; area_m2: number }[] }).features;
        const withGeometry = gdal.map((g, i) => ({ g, i })).filter(({ g }) => g.geometry !== null);
        expect(rows.map((x) => x.index)).toEqual(withGeometry.map(({ i }) => i));
        for (const { g, i } of withGeometry) {
          const same = geometryArea({ type: g.geometry, coordinates: g.coordinates } as AreaGeometry, 'ellipsoidal');
          const row = rows.find((x) => x.index === i);
          expect(relClose(row?.area_m2 ?? Number.NaN, same, 1e-9), `${c.name} record ${i + 1}: ${row?.area_m2} m² vs ${same} m² on GDAL's rings`).toBe(true);
        }
      }
      const v = captureIO();
      const vcode = await runCli(['validate', file, '--json'], v.io);
      expect([0, 1]).toContain(vcode);
      const report = JSON.parse(v.out.stdout) as { files: { findings: { severity: string; featureIndex?: number; message: string }[] }[] };
      for (const [i, pattern] of refused)
        expect(report.files[0].findings.some((f) => f.severity === 'error' && f.featureIndex === Number(i) && new RegExp(pattern).test(f.message)), `validate names record ${Number(i) + 1}`).toBe(true);
    });

  const gdal = hasGdal();
  const sameVersion = gdal && gdalVersion() === expectations.gdal;
  describe.skipIf(!gdal)(`GDAL re-derives the expectations (ogr2ogr installed; recorded with ${expectations.gdal})`, () => {
    for (const c of cases)
      it.skipIf(!sameVersion && c.versionDependent !== undefined)(`${c.name}${c.versionDependent ? ` (version-dependent: ${c.versionDependent})` : ''}`, () => {
        const now = gdalRead(c);
        const then = expectations.cases[c.name];
        expect(now.features.length).toBe(then.features.length);
        now.features.forEach((f, i) => {
          const t = then.features[i];
          expect({ geometry: f.geometry, props: f.props, coordinates: f.coordinates }).toEqual({ geometry: t.geometry, props: t.props, coordinates: t.coordinates });
          if (t.area === null) expect(f.area).toBeNull();
          else expect(relClose(f.area as number, t.area, 1e-12)).toBe(true);
        });
      });
  });
});
