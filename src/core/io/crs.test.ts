import { describe, expect, it } from 'vitest';
import { tmForward } from '../../../test/helpers/makeShapefile';
import { crsFromEpsg, datumWarning, identifyEpsg } from './crs';
import { candidateEpsg, coordinateKind, implausible } from './crsHints';
import { lonLatConverter, nativeConverter } from './reproject';

describe('crsFromEpsg builds the documented parameters (docs/domain.md §3)', () => {
  it('3° zones with the zone number in the easting: 4513–4533 = zone 25..45, x0 = zone·1e6 + 500000, CM = 3·zone', () => {
    for (let zone = 25; zone <= 45; zone++) {
      const d = crsFromEpsg(4513 + zone - 25);
      expect(d).toMatchObject({ kind: 'tmerc', datum: 'cgcs2000', lon0: 3 * zone, x0: zone * 1e6 + 500000, k0: 1, lat0: 0, y0: 0 });
    }
    expect(crsFromEpsg(4527)?.name).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 39');
  });
  it('3° zones without prefix: 4534–4554 = CM 75..135, x0 = 500000', () => {
    for (let cm = 75; cm <= 135; cm += 3) expect(crsFromEpsg(4534 + (cm - 75) / 3)).toMatchObject({ lon0: cm, x0: 500000 });
    expect(crsFromEpsg(4548)?.name).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 117E');
  });
  it('6° zones 4491–4512, UTM, geographic, legacy datums', () => {
    expect(crsFromEpsg(4491)).toMatchObject({ lon0: 75, x0: 13500000 });
    expect(crsFromEpsg(4501)).toMatchObject({ lon0: 135, x0: 23500000 });
    expect(crsFromEpsg(4502)).toMatchObject({ lon0: 75, x0: 500000 });
    expect(crsFromEpsg(4512)).toMatchObject({ lon0: 135, x0: 500000 });
    expect(crsFromEpsg(32650)).toMatchObject({ datum: 'wgs84', lon0: 117, k0: 0.9996, x0: 500000, y0: 0 });
    expect(crsFromEpsg(32750)).toMatchObject({ lon0: 117, y0: 10000000 });
    expect(crsFromEpsg(4490)).toMatchObject({ kind: 'geographic', datum: 'cgcs2000' });
    expect(crsFromEpsg(4610)?.ellipsoid).toMatchObject({ a: 6378140, rf: 298.257 });
    expect(crsFromEpsg(2363)).toMatchObject({ datum: 'xian80', lon0: 117, x0: 39500000 });
    expect(crsFromEpsg(2390)).toMatchObject({ datum: 'xian80', lon0: 135, x0: 500000 });
    expect(crsFromEpsg(2401)).toMatchObject({ datum: 'beijing54', lon0: 75, x0: 25500000 });
    expect(crsFromEpsg(2442)).toMatchObject({ datum: 'beijing54', lon0: 135, x0: 500000 });
    expect(crsFromEpsg(21413)).toMatchObject({ datum: 'beijing54', lon0: 75, x0: 13500000 });
    expect(crsFromEpsg(21463)).toMatchObject({ datum: 'beijing54', lon0: 135, x0: 500000 });
    expect(crsFromEpsg(4214)?.ellipsoid).toMatchObject({ a: 6378245, rf: 298.3 });
  });
  it('unsupported codes give undefined', () => {
    for (const c of [0, 2000, 4512.5, 4555, 3395, 2391, 21464]) expect(crsFromEpsg(c)).toBeUndefined();
  });
});

describe('identifyEpsg', () => {
  it('round-trips every supported projected code', () => {
    const codes = [
      ...Array.from({ length: 64 }, (_, i) => 4491 + i),
      ...Array.from({ length: 64 }, (_, i) => 2327 + i),
      ...Array.from({ length: 42 }, (_, i) => 2401 + i),
      ...Array.from({ length: 11 }, (_, i) => 21413 + i),
      ...Array.from({ length: 11 }, (_, i) => 21453 + i),
      32601, 32650, 32660, 32701, 32760, 4490, 4326, 4610, 4214, 3857,
    ];
    for (const code of codes) {
      const d = crsFromEpsg(code);
      expect(d, String(code)).toBeDefined();
      // 6° CM zones coincide with 3° CM zones of the same meridian: the name decides.
      const six = d?.name.includes(' / Gauss-Kruger CM') ?? false;
      expect(identifyEpsg({ ...d!, epsg: undefined }, six), String(code)).toBe(code);
    }
  });
  it('a custom meridian has no code', () => {
    expect(identifyEpsg({ ...crsFromEpsg(4548)!, lon0: 117.5 })).toBeUndefined();
  });
});

describe('proj4 conversions agree with an independent Krüger series (1 mm), ±1.5° from the central meridian', () => {
  const ell: Record<string, number[]> = { cgcs2000: [6378137, 298.257222101], wgs84: [6378137, 298.257223563], xian80: [6378140, 298.257], beijing54: [6378245, 298.3], etrs89: [6378137, 298.257222101] };
  for (const code of [4513, 4527, 4533, 4534, 4548, 4554, 4496, 4508, 32650, 2363, 2382, 2415, 2436, 21459, 25832, 3006, 3007, 3067]) {
    it(`EPSG:${code}`, () => {
      const d = crsFromEpsg(code)!;
      const [a, rf] = ell[d.datum];
      const toLL = lonLatConverter(d);
      const toXY = nativeConverter(d);
      for (const [dl, lat] of [[-1.5, 22], [0, 30], [1.5, 45], [0.7, 53]]) {
        const lon = d.lon0! + dl;
        const [x, y] = tmForward({ a, rf, lon0: d.lon0!, k0: d.k0!, x0: d.x0!, y0: d.y0! }, lon, lat);
        const [lon2, lat2] = toLL(x, y);
        expect(Math.abs(lat2 - lat) * 111320).toBeLessThan(0.001);
        expect(Math.abs(lon2 - lon) * 111320 * Math.cos((lat * Math.PI) / 180)).toBeLessThan(0.001);
        const [x2, y2] = toXY(lon, lat);
        expect(Math.hypot(x2 - x, y2 - y)).toBeLessThan(0.001);
      }
    });
  }
});

describe('datumWarning', () => {
  it("is silent for CGCS2000 / WGS 84 and says the shift is unknown for Xi'an 80 / Beijing 54", () => {
    expect(datumWarning(crsFromEpsg(4527)!)).toBeUndefined();
    expect(datumWarning(crsFromEpsg(32650)!)).toBeUndefined();
    expect(datumWarning(crsFromEpsg(2363)!)).toMatch(/1980西安坐标系.*datum shift to CGCS2000 unknown/s);
    expect(datumWarning(crsFromEpsg(2436)!)).toMatch(/Krassowsky 1940/);
    expect(datumWarning({ ...crsFromEpsg(2436)!, towgs84: [15.8, -154.4, -82.3] })).toMatch(/TOWGS84 \[15\.8, -154\.4, -82\.3\]/);
  });
});

describe('candidateEpsg (metre coordinates without a .prj)', () => {
  it('a zone prefix gives the zone code, with its Xi’an 80 / Beijing 54 twins', () => {
    expect(candidateEpsg([39526000, 3995000, 39529000, 3998000])).toMatchObject({ codes: [4527], alternatives: [2363, 2415] });
    expect(candidateEpsg([20400000, 3995000, 20450000, 3998000])).toMatchObject({ codes: [4498] });
  });
  it('no prefix: only meridians whose zone lands in China at that latitude', () => {
    // Heilongjiang latitude (≈ 47.5°N): western Xinjiang meridians are out, 126/129/132 are in.
    const ne = candidateEpsg([480000, 5260000, 520000, 5270000]).codes;
    expect(ne).toEqual(expect.arrayContaining([4551, 4552, 4553]));
    expect(ne).not.toContain(4534);
    // Hainan latitude (≈ 19°N): 108/111 only.
    const hn = candidateEpsg([480000, 2100000, 520000, 2110000]).codes;
    expect(hn).toEqual([4545, 4546]);
  });
  it('swapped axes (X = northing first) are named, not guessed', () => {
    const c = candidateEpsg([3995000, 39526000, 3998000, 39529000]);
    expect(c.codes).toEqual([]);
    expect(c.basis).toMatch(/the axes look swapped/);
  });
  it('coordinateKind', () => {
    expect(coordinateKind([117, 36, 118, 37])).toBe('degrees');
    expect(coordinateKind([500000, 3990000, 510000, 4000000])).toBe('metres');
  });
});

describe('implausible (coordinates vs CRS)', () => {
  it('accepts data in its zone, names swapped axes and wrong zones', () => {
    expect(implausible(crsFromEpsg(4527)!, [39526000, 3995000, 39529000, 3998000])).toBeUndefined();
    expect(implausible(crsFromEpsg(4548)!, [526000, 3995000, 529000, 3998000])).toBeUndefined();
    expect(implausible(crsFromEpsg(4490)!, [117, 36, 118, 37])).toBeUndefined();
    expect(implausible(crsFromEpsg(4527)!, [3995000, 39526000, 3998000, 39529000])).toMatch(/the axes look swapped/);
    expect(implausible(crsFromEpsg(4527)!, [526000, 3995000, 529000, 3998000])).toMatch(/EPSG:4548/);
  });
});

describe('European grids through the proj4 definitions we ship agree with PROJ (cs2cs, same Helmert shifts) within 1 m', () => {
  // lon, lat → easting, northing as printed by `cs2cs EPSG:4326 EPSG:n` (PROJ 9, axis order made east/north)
  const ref: [number, number, number, number, number][] = [
    [28992, 4.9, 52.37, 121819.3652, 487013.7615],
    [2154, 2.35, 48.86, 652310.718, 6862414.6368],
    [3035, 13.4, 52.52, 4551697.4756, 3273252.4072],
    [31370, 4.35, 50.85, 148679.4474, 171066.8103],
    [2056, 7.44, 46.95, 2600104.1095, 1199879.6282],
    [31467, 9.18, 48.78, 3513304.1821, 5404737.9753],
    [25832, 10.0, 55.4, 563329.4427, 6139759.4198],
    [3006, 18.07, 59.33, 674647.8821, 6580824.5756],
    [3007, 12.0, 57.7, 150000, 6397870.1719],
    [3067, 24.94, 60.17, 385700.4214, 6672126.743],
    [3857, 117.2, 31.8, 13046644.321, 3737086.0562],
  ];
  for (const [code, lon, lat, x, y] of ref)
    it(`EPSG:${code}`, () => {
      const d = crsFromEpsg(code);
      if (!d) throw new Error(`EPSG:${code} unsupported`);
      const [gx, gy] = nativeConverter(d)(lon, lat);
      expect(Math.hypot(gx - x, gy - y)).toBeLessThan(1);
      const [l2, b2] = lonLatConverter(d)(x, y);
      expect(Math.hypot((l2 - lon) * 111320 * Math.cos((lat * Math.PI) / 180), (b2 - lat) * 110574)).toBeLessThan(1);
    });
});

describe('metre coordinates without .prj: only candidates that land in China and inside their zone (issue 16 §5)', () => {
  it('Web Mercator is recognised; the 6° zone 13 reading (Xinjiang edge, outside its zone) is not suggested', () => {
    const c = candidateEpsg([13046000, 3737000, 13047500, 3738200]);
    expect(c.codes).toEqual([3857]);
    expect(c.basis).toMatch(/as EPSG:3857 they land in China/);
  });
  it('a zone prefix whose zone would put the data outside China gives no code', () => {
    // zone 25 (CM 75°E) with an easting 400 km west of it → ~70°E: Afghanistan
    expect(candidateEpsg([25100000, 3600000, 25101000, 3601000]).codes).toEqual([]);
  });
  it('European UTM metres (ETRS89 zone 32, Denmark) are not matched to a Chinese grid outside China', () => {
    const c = candidateEpsg([563000, 6139000, 564000, 6140000]);
    for (const code of c.codes) {
      const d = crsFromEpsg(code);
      if (!d) throw new Error('unreachable');
      const [lon, lat] = lonLatConverter(d)(563500, 6139500);
      expect(lon > 73 && lon < 136 && lat > 17 && lat < 54, `EPSG:${code} → ${lon}, ${lat}`).toBe(true);
    }
  });
});
