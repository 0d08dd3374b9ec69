/**
 * Writes the small, synthetic e2e fixture under test/fixtures/e2e/ (a manifest, a few layers, a basemap and two
 * files to import). Deterministic: `npx tsx test/e2e/generateFixture.ts` reproduces the committed files.
 * SYNTHETIC DATA — not a real place's survey.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '..', 'fixtures', 'e2e');
mkdirSync(OUT, { recursive: true });

let seed = 20261128;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const round = (v: number) => Math.round(v * 1e7) / 1e7;

const LON0 = 126.6;
const LAT0 = 45.78;
const DX = 0.0032; // ≈ 250 m
const DY = 0.0022; // ≈ 245 m
const COLS = 8;
const ROWS = 6;
const TOWNSHIPS = [
  { code: '230123100', name: '示例镇', villages: ['230123100001', '230123100002'] },
  { code: '230123101', name: '样板乡', villages: ['230123101001', '230123101002'] },
];

type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown };
const fc = (features: Feature[], name: string) => ({ type: 'FeatureCollection', name, features });
const rect = (x0: number, y0: number, x1: number, y1: number) => [
  [
    [round(x0), round(y0)],
    [round(x1), round(y0)],
    [round(x1), round(y1)],
    [round(x0), round(y1)],
    [round(x0), round(y0)],
  ],
];
/** ellipsoidal-enough planar estimate for TBMJ declaration only (the test compares with the engine, not this). */
const approxM2 = (w: number, h: number, lat: number) => w * 111_320 * Math.cos((lat * Math.PI) / 180) * h * 110_950;

const cultivated: Feature[] = [];
const pbf: Feature[] = [];
const hsf: Feature[] = [];
const codes = ['0101', '0102', '0103'];
const names: Record<string, string> = { '0101': '水田', '0102': '水浇地', '0103': '旱地' };
let n = 0;
for (let r = 0; r < ROWS; r++)
  for (let c = 0; c < COLS; c++) {
    n++;
    const x0 = LON0 + c * DX + 0.0002;
    const y0 = LAT0 + r * DY + 0.0002;
    const w = DX * (0.78 + 0.15 * rnd());
    const h = DY * (0.78 + 0.15 * rnd());
    const t = TOWNSHIPS[c < COLS / 2 ? 0 : 1];
    const village = t.villages[r < ROWS / 2 ? 0 : 1];
    const dlbm = codes[Math.floor(rnd() * 3)];
    const tbmj = Math.round(approxM2(w, h, y0) * 100) / 100;
    const kcxs = 0.05;
    const props = {
      BSM: `2301231${String(n).padStart(6, '0')}`,
      TBBH: String(n),
      DLBM: dlbm,
      DLMC: names[dlbm],
      ZLDWDM: `${village}0000000`,
      ZLDWMC: `${t.name}${village.endsWith('1') ? '东' : '西'}村`,
      TBMJ: tbmj,
      KCXS: kcxs,
      KCMJ: Math.round(tbmj * kcxs * 100) / 100,
      TBDLMJ: Math.round(tbmj * (1 - kcxs) * 100) / 100,
      GDPDJB: 1 + Math.floor(rnd() * 5),
      GDDJ: 1 + Math.floor(rnd() * 10),
      ZZSXDM: rnd() < 0.85 ? 'LS' : 'FLS',
    };
    const geometry = { type: 'Polygon', coordinates: rect(x0, y0, x0 + w, y0 + h) };
    cultivated.push({ type: 'Feature', properties: props, geometry });
    if ((r + c) % 3 !== 0)
      pbf.push({
        type: 'Feature',
        properties: {
          YJJBNTTBBH: `YJ${String(n).padStart(4, '0')}`,
          XZQDM: '230123',
          ZLDWDM: props.ZLDWDM,
          DLBM: dlbm,
          YJJBNTTBMJ: tbmj,
          GDDJ: props.GDDJ,
        },
        geometry,
      });
    if (r >= 3 && c >= 2 && c <= 5)
      hsf.push({ type: 'Feature', properties: { BSM: `GB${n}`, ZLDWDM: props.ZLDWDM, JSND: 2021 + (n % 3) }, geometry });
  }

const x1 = LON0 + COLS * DX;
const y1 = LAT0 + ROWS * DY;
const eco = [
  {
    type: 'Feature' as const,
    properties: { HXBM: 'ST-001', HXMC: '示例湿地生态保护红线', HXLX: '湿地' },
    geometry: { type: 'Polygon', coordinates: rect(x1 - 2.4 * DX, y1 - 1.6 * DY, x1 + 3 * DX, y1 + 2 * DY) },
  },
];
const urban = [
  {
    type: 'Feature' as const,
    properties: { GHFQDM: '10', GHFQMC: '城镇开发边界（示例镇区）' },
    geometry: { type: 'Polygon', coordinates: rect(LON0 - 3 * DX, LAT0 - 2 * DY, LON0 + 1.5 * DX, LAT0 + 1.3 * DY) },
  },
];
const townships = TOWNSHIPS.map((t, i) => ({
  type: 'Feature' as const,
  properties: { code: t.code, name: t.name, XZQDM: t.code },
  geometry: {
    type: 'Polygon',
    coordinates: rect(LON0 - 4 * DX + i * (COLS / 2 + 4) * DX, LAT0 - 3 * DY, i === 0 ? LON0 + (COLS / 2) * DX : x1 + 4 * DX, y1 + 3 * DY),
  },
}));
const roads = [
  { type: 'Feature' as const, properties: { name: '示例公路', class: 'county' }, geometry: { type: 'LineString', coordinates: [[LON0 - 4 * DX, LAT0 + 3 * DY], [x1 + 4 * DX, LAT0 + 3.05 * DY]] } },
  { type: 'Feature' as const, properties: { name: '乡道', class: 'township' }, geometry: { type: 'LineString', coordinates: [[LON0 + 4 * DX, LAT0 - 3 * DY], [LON0 + 4.02 * DX, y1 + 3 * DY]] } },
];
const places = [
  { type: 'Feature' as const, properties: { name: '示例镇', kind: 'township' }, geometry: { type: 'Point', coordinates: [LON0 - 2 * DX, LAT0 + 0.5 * DY] } },
  { type: 'Feature' as const, properties: { name: '样板乡', kind: 'township' }, geometry: { type: 'Point', coordinates: [x1 + 1.5 * DX, LAT0 - 1.5 * DY] } },
  { type: 'Feature' as const, properties: { name: '东村', kind: 'village' }, geometry: { type: 'Point', coordinates: [LON0 + 2 * DX, y1 + 1 * DY] } },
];

// files to import in the e2e test: a good 撂荒地 layer, and a broken one (not JSON)
const abandoned: Feature[] = [0, 1, 2].map((i) => ({
  type: 'Feature',
  properties: { BSM: `LH${i + 1}`, DLBM: '0103', ZZSXDM: 'WG', ZLDWDM: '2301231010020000000' },
  geometry: { type: 'Polygon', coordinates: rect(LON0 + (5 + i) * DX + 0.0004, LAT0 + 4 * DY + 0.0004, LON0 + (5 + i) * DX + 0.0018, LAT0 + 4 * DY + 0.0014) },
}));

const write = (name: string, value: unknown) => writeFileSync(join(OUT, name), `${JSON.stringify(value)}\n`);
write('cultivated.geojson', fc(cultivated, 'DLTB'));
write('permanent-basic.geojson', fc(pbf, 'YJJBNTBHTB'));
write('high-standard.geojson', fc(hsf, 'GBZNT'));
write('eco-redline.geojson', fc(eco, 'STBHHX'));
write('urban-boundary.geojson', fc(urban, 'CZKFBJ'));
write('townships.geojson', fc(townships, 'XZQ'));
write('roads.geojson', fc(roads, 'roads'));
write('places.geojson', fc(places, 'places'));
write('import-abandoned.geojson', fc(abandoned, 'LHD'));
writeFileSync(join(OUT, 'import-broken.geojson'), '{"type":"FeatureCollection","features":[{"type":"Feature",');
write('targets.json', {
  regions: [
    { code: '230123', name: '示例县', level: 'county', cultivated_mu: 3000, permanent_basic_mu: 2500 },
    { code: '230123100', name: '示例镇', level: 'township', cultivated_mu: 1500, permanent_basic_mu: 1200 },
    { code: '230123101', name: '样板乡', level: 'township', cultivated_mu: 1700, permanent_basic_mu: 1000 },
  ],
});
writeFileSync(
  join(OUT, 'manifest.json'),
  `${JSON.stringify(
    {
      name: '示例县（e2e 合成数据 / synthetic e2e data）',
      layers: [
        { kind: 'cultivated', file: 'cultivated.geojson', name: '耕地' },
        { kind: 'permanent-basic', file: 'permanent-basic.geojson', name: '永久基本农田' },
        { kind: 'high-standard', file: 'high-standard.geojson', name: '高标准农田' },
        { kind: 'eco-redline', file: 'eco-redline.geojson', name: '生态保护红线' },
        { kind: 'urban-boundary', file: 'urban-boundary.geojson', name: '城镇开发边界' },
      ],
      targets: 'targets.json',
      basemap: { roads: 'roads.geojson', townships: 'townships.geojson', places: 'places.geojson' },
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${OUT}`);
