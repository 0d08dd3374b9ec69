/**
 * `farmland impact` — occupation impact of a site on the loaded layers, flags and compensation duty.
 * Also exports the loading steps `balance` shares (site, layers, manifest, config).
 */
import type { AnalysisConfig } from '../../core/analysis/config';
import { defaultConfig, parseConfig } from '../../core/analysis/config';
import type { Contiguity } from '../../core/analysis/contiguity';
import { computeImpact, type ImpactReport } from '../../core/analysis/impact';
import { AREA_BASIS_LABEL, type AreaBasis, DEFAULT_AREA_BASIS, parseAreaBasis } from '../../core/area/netArea';
import { m2ToMu } from '../../core/area/units';
import { jsonDocument } from '../../core/report/json';
import { buildMetadata, type ExportMetadata, type InputFileMeta } from '../../core/report/metadata';
import { kindDisplayName } from '../../core/layers/displayName';
import type { Layer } from '../../core/layers/layer';
import { sitePolygons } from '../../core/engine/sitePolygons';
import type { AreaGeometry, Finding, ParcelAttrs } from '../../core/types';
import { opt, opts, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { exitOnInputError, InputError, loadLayerSpecs, parseLayerSpec, printFindings, readFeatures } from '../load';
import { type ProjectFiles, readJsonFile, withManifest } from '../manifest';
import type { Command } from './index';
import { badBasis } from './summary';

const usage = `farmland impact --site FILE --layer KIND=FILE [--layer …] [--manifest FILE] [--config FILE] [--region CODE] [--json]
                [--area-basis net|polygon]

Occupation impact of a construction site (all Polygon/MultiPolygon features of FILE; overlapping site polygons
count once): area of every layer it occupies (overlaps inside a layer counted once) by 地类 / GDDJ / GDPDJB,
parcels touched, flags (永久基本农田 occupied, 生态保护红线 crossed, outside 城镇开发边界) and the compensation duty:
quantity (亩), quality (area-weighted GDDJ to match or beat), productive capacity (kg, per-grade table) and the
耕地开垦费 estimate (元/亩 rate, ×2 on 永久基本农田 by default).
  --manifest FILE  project manifest {"layers":[{"kind","file","name"}],"config":…} (paths relative to it)
  --config FILE    analysis parameters {"productivity":{"gddj":{"1":1000,…}},"fee_rates":{"default":40000,"230123":45000},
                   "pbf_fee_multiplier":2} — partial files merge over the illustrative defaults
  --region CODE    region code for the fee rate (default: the county holding most occupied 耕地)
  --area-basis B   area of the duty (数量), capacity and 耕地开垦费: net = 地类面积 (default; each occupied piece ×
                   its parcel's TBDLMJ/TBMJ, else 1 − KCXS), polygon = 图斑面积. Layers report area_m2 and net_m2.
  --json           {"metadata","site_area_m2","site_area_mu","site","layers":[{"kind","area_m2","area_mu","parcels",…}],
                   "flags","compensation","failures"}
Exit: 0 ok · 1 errors in the data (reported on stderr, figures still printed) · 2 usage or unreadable input.
`;

export interface LoadedInputs {
  layers: Layer[];
  config: AnalysisConfig;
  findings: Finding[];
  inputs: InputFileMeta[];
}

function polygonsOf(features: readonly unknown[]): { geoms: AreaGeometry[]; ids: string[]; attrs: ParcelAttrs[] } {
  const polys = sitePolygons(features);
  return { geoms: polys.map((p) => p.geometry), ids: polys.map((p) => p.id), attrs: polys.map((p) => p.attrs) };
}

/** Read a polygon file (site or supplements). Unreadable → InputError; no polygons → a data error finding. */
export async function readPolygons(path: string, role: string, io: CliIO, findings: Finding[], inputs: InputFileMeta[]) {
  const read = await readFeatures(path, io);
  findings.push(...read.findings);
  if (read.findings.some((x) => x.severity === 'error')) throw new InputError(`${read.file}: 无法读取为 GeoJSON / cannot be read as GeoJSON`);
  const polys = polygonsOf(read.features);
  inputs.push({ file: read.file, role, features: polys.geoms.length });
  if (polys.geoms.length === 0)
    findings.push({ severity: 'error', code: `${role}.empty`, message: `${read.file}: 没有面要素 / no Polygon or MultiPolygon features (${role})`, file: read.file });
  return { file: read.file, ...polys };
}

/** Layers from --layer specs and --manifest; config from --config or the manifest. */
export async function loadInputs(args: ParsedArgs, io: CliIO, inputs: InputFileMeta[], findings: Finding[]): Promise<LoadedInputs> {
  const manifestPath = opt(args, 'manifest');
  const line: ProjectFiles = { layers: opts(args, 'layer').map(parseLayerSpec), targets: undefined, config: opt(args, 'config') };
  const { layers: specs, config: configPath } = await withManifest(line, manifestPath, io);
  if (manifestPath !== undefined) inputs.push({ file: manifestPath, role: 'manifest' });
  const layers = await loadLayerSpecs(specs, io, { findings, inputs });
  let config = defaultConfig();
  if (configPath !== undefined) {
    const json = await readJsonFile(configPath, io);
    const name = configPath.split(/[\\/]/).pop() ?? configPath;
    const parsed = parseConfig(json, name);
    findings.push(...parsed.findings);
    config = parsed.config;
    inputs.push({ file: name, role: 'config' });
  }
  return { layers, config, findings, inputs };
}

/**
 * The inputs of `impact` and `balance`: polygon files (site, supplements) and the layers. Unreadable input ends the
 * command here (its exit code is returned); no layer at all is a usage error. Findings so far are printed.
 */
export async function loadSiteInputs(args: ParsedArgs, io: CliIO, files: readonly (readonly [path: string, role: string])[], command: string, usageText: string) {
  const findings: Finding[] = [];
  const inputs: InputFileMeta[] = [];
  const polygons: Awaited<ReturnType<typeof readPolygons>>[] = [];
  let loaded: LoadedInputs;
  try {
    for (const [path, role] of files) polygons.push(await readPolygons(path, role, io, findings, inputs));
    loaded = await loadInputs(args, io, inputs, findings);
  } catch (err) {
    return exitOnInputError(err, findings, io);
  }
  if (loaded.layers.length === 0) throw new UsageError(`${command} needs at least one --layer KIND=FILE (or --manifest)\n\n${usageText}`);
  printFindings(findings, io);
  return { polygons, loaded, findings, inputs };
}

const bucketsJson = (rec: Record<string, { areaM2: number; areaMu: number; netM2: number; netMu: number; parcels: number }>) =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, { area_m2: v.areaM2, area_mu: v.areaMu, net_m2: v.netM2, net_mu: v.netMu, parcels: v.parcels }]));

export const contiguityJson = (c: Contiguity) => ({
  pieces: c.pieces,
  smallest_piece_mu: c.smallestPieceMu,
  largest_piece_mu: c.largestPieceMu,
  compactness: c.compactness,
});

export function impactJson(r: ImpactReport): Record<string, unknown> {
  const c = r.compensation;
  return {
    site_area_m2: r.siteAreaM2,
    site_area_mu: r.siteAreaMu,
    site: contiguityJson(r.site),
    layers: r.layers.map((l) => ({
      kind: l.kind,
      name: l.name,
      file: l.file,
      area_m2: l.areaM2,
      area_mu: l.areaMu,
      net_m2: l.netM2,
      net_mu: l.netMu,
      parcels: l.parcels,
      parcel_ids: l.parcelIds,
      by_land_class: bucketsJson(l.byLandClass),
      by_grade: bucketsJson(l.byGrade),
      by_slope: bucketsJson(l.bySlope),
      pieces: l.parcelIds.map((id, k) => ({ id, area_m2: l.pieceAreaM2[k], area_mu: m2ToMu(l.pieceAreaM2[k]), net_m2: l.pieceNetM2[k], whole: l.pieceWhole[k] === 1 })),
    })),
    flags: {
      permanent_basic_occupied: r.flags.permanentBasicOccupied,
      eco_redline_crossed: r.flags.ecoRedlineCrossed,
      outside_urban_boundary: r.flags.outsideUrbanBoundary,
      outside_urban_area_m2: r.flags.outsideUrbanAreaM2,
      outside_urban_area_mu: r.flags.outsideUrbanAreaM2 === null ? null : m2ToMu(r.flags.outsideUrbanAreaM2),
      not_checked: r.flags.notChecked,
      high_standard_occupied: r.flags.highStandardOccupied,
      high_standard: r.flags.highStandard && {
        area_m2: r.flags.highStandard.areaM2,
        area_mu: r.flags.highStandard.areaMu,
        parcels: r.flags.highStandard.parcels,
        parcel_ids: r.flags.highStandard.parcelIds,
      },
    },
    basis: c.areaBasis,
    compensation: {
      basis: c.basis,
      area_basis: c.areaBasis,
      quantity_mu: c.quantityMu,
      quantity_polygon_mu: c.quantityPolygonMu,
      quantity_net_mu: c.quantityNetMu,
      quality_grade: c.qualityGrade,
      graded_share: c.gradedShare,
      capacity_kg: c.capacityKg,
      permanent_basic_mu: c.permanentBasicMu,
      fee_yuan: c.feeYuan,
      fee_rate_yuan_per_mu: c.feeRate,
      fee_rate_source: c.feeRateSource,
      region_code: c.regionCode ?? null,
      pbf_fee_multiplier: c.pbfFeeMultiplier,
      parameters: r.configSources,
    },
    failures: r.failures.map((f) => ({ layer: f.layer, id: f.parcelId, message: f.message })),
  };
}

const n2 = (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function impactText(r: ImpactReport): string {
  let out = `占用分析 / occupation impact\n项目用地 ${n2(r.siteAreaMu)} 亩（${n2(r.siteAreaM2)} m²，${r.site.pieces} 块）\n\n`;
  for (const l of r.layers) {
    out += `${kindDisplayName(l.kind)}（${l.file}）：图斑面积 ${n2(l.areaMu)} 亩，地类面积 ${n2(l.netMu)} 亩，涉及图斑 ${l.parcels} 个\n`;
    const parts = Object.entries(l.byLandClass).map(([k, v]) => `${({ paddy: '水田', irrigated: '水浇地', dry: '旱地', other: '非耕地', unknown: '未知' } as Record<string, string>)[k] ?? k} ${n2(v.areaMu)}`);
    if (l.parcels && (l.kind === 'cultivated' || l.kind === 'permanent-basic')) {
      out += `  地类：${parts.join(' · ')}\n`;
      out += `  质量等级：${Object.entries(l.byGrade).sort().map(([k, v]) => `${k === 'unknown' ? '未知' : `${k}等`} ${n2(v.areaMu)}`).join(' · ')}\n`;
      out += `  坡度级别：${Object.entries(l.bySlope).sort().map(([k, v]) => `${k === 'unknown' ? '未知' : `${k}级`} ${n2(v.areaMu)}`).join(' · ')}\n`;
    }
  }
  const f = r.flags;
  out += `\n提示 / flags：\n`;
  out += `  占用永久基本农田：${f.notChecked.includes('permanent-basic') ? '未检查（未加载图层）' : f.permanentBasicOccupied ? '是' : '否'}\n`;
  out += `  涉及生态保护红线：${f.notChecked.includes('eco-redline') ? '未检查（未加载图层）' : f.ecoRedlineCrossed ? '是' : '否'}\n`;
  out += `  占用高标准农田（严禁擅自占用）：${f.highStandard === null ? '未检查（未加载图层）' : f.highStandardOccupied ? `是，${n2(f.highStandard.areaMu)} 亩，${f.highStandard.parcels} 个项目图斑（${f.highStandard.parcelIds.slice(0, 5).join('、')}${f.highStandard.parcels > 5 ? ' …' : ''}）` : '否'}\n`;
  out += `  超出城镇开发边界：${f.outsideUrbanAreaM2 === null ? '未检查（未加载图层）' : f.outsideUrbanBoundary ? `是，${n2(m2ToMu(f.outsideUrbanAreaM2))} 亩` : '否'}\n`;
  const c = r.compensation;
  out += `\n补充耕地义务 / compensation duty（依据：${c.basis === 'cultivated' ? '耕地图层' : c.basis === 'permanent-basic' ? '永久基本农田图层' : '无耕地图层'}）：\n`;
  out += `  数量：${n2(c.quantityMu)} 亩（按${AREA_BASIS_LABEL[c.areaBasis].zh}；图斑面积 ${n2(c.quantityPolygonMu)} 亩，地类面积 ${n2(c.quantityNetMu)} 亩）\n`;
  out += `  质量：不低于 ${c.qualityGrade === null ? '—（无等级数据）' : `${c.qualityGrade.toFixed(2)} 等`}（面积加权，有等级的占 ${(c.gradedShare * 100).toFixed(1)}%）\n`;
  out += `  产能：${c.capacityKg === null ? '—' : `${n2(c.capacityKg)} kg/年`}\n`;
  out += `  耕地开垦费估算：${n2(c.feeYuan)} 元（${n2(c.feeRate)} 元/亩${c.regionCode ? `，${c.regionCode}` : ''}；永久基本农田 ${n2(c.permanentBasicMu)} 亩 ×${c.pbfFeeMultiplier}）\n`;
  out += `  参数：${r.configSources.join('、')}（示例参数，可用 --config 替换）\n`;
  if (r.failures.length) out += `\n${r.failures.length} 个图斑裁剪失败，见 stderr / clipping failures on stderr\n`;
  return out;
}

export function impactMeta(io: CliIO, inputs: InputFileMeta[], basis: AreaBasis = DEFAULT_AREA_BASIS): ExportMetadata {
  return buildMetadata({
    inputs,
    now: io.now(),
    basis,
    notes: [
      `补充耕地数量、产能与开垦费按${AREA_BASIS_LABEL[basis].zh}计；被裁切图斑保持其扣除比例 / duty, capacity and fee on the ${AREA_BASIS_LABEL[basis].en}; a clipped parcel keeps its deduction ratio`,
      '面积为 CGCS2000 椭球面积；项目用地多边形先合并，图层内重叠只计一次 / ellipsoidal area; site polygons unioned; overlaps inside a layer counted once',
      '产能系数与开垦费标准为示例参数，非官方数据 / capacity coefficients and fee rates are illustrative, not official',
    ],
  });
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const sitePath = opt(args, 'site');
  if (!sitePath) throw new UsageError(`impact needs --site FILE\n\n${usage}`);
  const region = opt(args, 'region');
  if (region !== undefined && !/^\d{2,19}$/.test(region)) throw new UsageError(`--region takes a region code (2–19 digits), got "${region}"`);
  const basisArg = opt(args, 'area-basis');
  const basis: AreaBasis = basisArg === undefined ? DEFAULT_AREA_BASIS : (parseAreaBasis(basisArg) ?? badBasis(basisArg));
  const got = await loadSiteInputs(args, io, [[sitePath, 'site']], 'impact', usage);
  if (typeof got === 'number') return got;
  const { loaded, findings, inputs } = got;
  const site = got.polygons[0];
  const report = computeImpact(site.geoms, loaded.layers, loaded.config, region ? { regionCode: region, basis } : { basis });
  for (const f of report.failures) io.stderr(`警告 warning: ${f.layer} ${f.parcelId}: ${f.message}\n`);
  if (args.flags.has('json')) io.stdout(jsonDocument(impactJson(report), impactMeta(io, inputs, basis)));
  else io.stdout(impactText(report));
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

export const impactCommand: Command = { summary: 'occupation impact of a site: areas, flags, compensation duty', usage, run };
