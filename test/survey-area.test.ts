/**
 * The survey-method area (src/core/area/surveyArea.ts, 国土调查办发〔2008〕32号 formula (2) per edge against a
 * reference meridian) against the exact straight-edge integral (src/core/area/ellipsoid.ts) on the demo county and
 * on generated parcels. The figures printed here are quoted in docs/survey-area.md and the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../src/core/area/ellipsoid';
import { geometryAreaSurvey, trapezoidArea, XIAN80 } from '../src/core/area/surveyArea';
import type { AreaGeometry } from '../src/core/types';
import { generateParcels } from './bench/genParcels';

interface Stat {
  n: number;
  maxAbs: number;
  maxRel: number;
  sumExact: number;
  sumSurvey: number;
  within1cm2: number;
}
function compare(geoms: Iterable<AreaGeometry>, declared?: (i: number) => number | undefined) {
  const s: Stat & { tbmjExact: number; tbmjSurvey: number; declared: number } = { n: 0, maxAbs: 0, maxRel: 0, sumExact: 0, sumSurvey: 0, within1cm2: 0, tbmjExact: 0, tbmjSurvey: 0, declared: 0 };
  let i = 0;
  for (const g of geoms) {
    const e = geometryAreaEllipsoidal(g);
    const v = geometryAreaSurvey(g);
    s.n++;
    s.sumExact += e;
    s.sumSurvey += v;
    const d = Math.abs(v - e);
    if (d > s.maxAbs) s.maxAbs = d;
    if (e > 0 && d / e > s.maxRel) s.maxRel = d / e;
    if (Math.round(v * 100) === Math.round(e * 100)) s.within1cm2++;
    const t = declared?.(i);
    if (t !== undefined) {
      s.declared++;
      if (Math.round(e * 100) === Math.round(t * 100)) s.tbmjExact++;
      if (Math.round(v * 100) === Math.round(t * 100)) s.tbmjSurvey++;
    }
    i++;
  }
  return s;
}

describe('survey-method area (32号) vs the exact straight-edge integral', () => {
  it('formula (2) on a map-sheet quadrangle equals the exact zone area (edges along meridians and parallels)', () => {
    // 1:10 000 sheet 3′45″ × 2′30″ at 46° N: the notice's own use of formula (1)/(2)
    const g: AreaGeometry = { type: 'Polygon', coordinates: [[[126, 46], [126 + 3.75 / 60, 46], [126 + 3.75 / 60, 46 + 2.5 / 60], [126, 46 + 2.5 / 60], [126, 46]]] };
    const rel = Math.abs(geometryAreaSurvey(g, { roundSeconds: null }) / geometryAreaEllipsoidal(g) - 1);
    expect(rel).toBeLessThan(1e-11);
    // Xi'an 80 against CGCS2000: the ellipsoid alone moves a sheet by ≈ a ppm
    const x = trapezoidArea((3.75 / 60) * (Math.PI / 180), (46 * Math.PI) / 180, ((46 + 2.5 / 60) * Math.PI) / 180, XIAN80);
    expect(Math.abs(x / geometryAreaEllipsoidal(g) - 1)).toBeLessThan(2e-6);
  });

  it('the demo county: differences per parcel, and which method reproduces the declared TBMJ to 0.01 m²', () => {
    const fc = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'demo', 'cultivated.geojson'), 'utf8')) as { features: { geometry: AreaGeometry; properties: { TBMJ: number } }[] };
    const s = compare(
      fc.features.map((f) => f.geometry),
      (i) => fc.features[i].properties.TBMJ,
    );
    console.log(
      `[survey-area] demo: ${s.n} parcels, max |survey − exact| ${s.maxAbs.toFixed(4)} m² (max rel ${s.maxRel.toExponential(2)}), Σ diff ${(s.sumSurvey - s.sumExact).toFixed(3)} m² (${((s.sumSurvey - s.sumExact) / s.sumExact).toExponential(2)}), same to the cent ${s.within1cm2}/${s.n}; declared TBMJ reproduced to 0.01 m²: exact ${s.tbmjExact}/${s.declared}, survey ${s.tbmjSurvey}/${s.declared}`,
    );
    // the demo's TBMJ was computed by the exact integral (scripts/gen-demo/lonlat.ts areaOf)
    expect(s.tbmjExact).toBe(s.declared);
    // the demo has strips with slanted edges over a kilometre: the trapezoid rule's O(ΔB²) error reaches ~1e-4
    expect(s.maxRel).toBeLessThan(2e-4);
    expect(s.tbmjSurvey).toBeLessThan(s.declared);
  });

  it('generated field parcels (47° N, edges < 250 m): differences stay below 1e-5 relative', () => {
    const gen = generateParcels(5000, 4242);
    const s = compare(gen.features.map((f) => f.geometry as AreaGeometry));
    console.log(
      `[survey-area] generated: ${s.n} parcels, max |survey − exact| ${s.maxAbs.toFixed(4)} m² (max rel ${s.maxRel.toExponential(2)}), Σ diff ${(s.sumSurvey - s.sumExact).toFixed(3)} m² (${((s.sumSurvey - s.sumExact) / s.sumExact).toExponential(2)}), same to the cent ${s.within1cm2}/${s.n}`,
    );
    expect(s.maxRel).toBeLessThan(1e-5);
  });

  it('a long slanted edge: the trapezoid rule departs from the exact integral as ΔB² (a 1 km diagonal ≈ 2e-5)', () => {
    const tri: AreaGeometry = { type: 'Polygon', coordinates: [[[126, 46], [126.01, 46], [126.003, 46.008], [126, 46]]] };
    const e = geometryAreaEllipsoidal(tri);
    const v = geometryAreaSurvey(tri, { roundSeconds: null });
    expect(Math.abs(v / e - 1)).toBeGreaterThan(1e-6);
    expect(Math.abs(v / e - 1)).toBeLessThan(1e-4);
  });
});
