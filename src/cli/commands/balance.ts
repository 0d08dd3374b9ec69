/** `farmland balance` — 占补平衡 of supplementary parcels against a site's occupation. */
import { type BalanceReport, computeBalance } from '../../core/analysis/balance';
import { computeImpact } from '../../core/analysis/impact';
import { jsonDocument } from '../../core/report/json';
import { opt, type ParsedArgs, UsageError } from '../args';
import { type CliIO, EXIT } from '../io';
import { contiguityJson, impactMeta, loadSiteInputs } from './impact';
import { badBasis } from './summary';
import { type AreaBasis, DEFAULT_AREA_BASIS, parseAreaBasis } from '../../core/area/netArea';
import type { Command } from './index';

const usage = `farmland balance --site FILE --supplement FILE --layer KIND=FILE [--layer …] [--manifest FILE] [--config FILE] [--json]
                 [--area-basis net|polygon]   (quantity on 地类面积 by default: occupied pieces and supplements × their net factor)

Balance (占补平衡) of the supplementary parcels in --supplement against the occupation of --site:
eligibility of each piece (nothing inside 生态保护红线 or 补充耕地禁止区 — the area inside each zone and its reason
are listed — and not slope class 5), then quantity (亩), quality (area-weighted GDDJ, 1 best) and productive
capacity (kg) each pass/fail with its margin, and contiguity (pieces, smallest piece, Polsby–Popper compactness).
Names 占多补少, 占优补劣, 占整补散 when they occur (also 产能不足, 含不合规地块).
Supplement grade/slope: the file's own GDDJ/GDPDJB fields, else the cultivated layer beneath.
  --json   {"metadata","occupation","pieces":[…],"quantity":{"pass","required","provided","margin"},"quality",
           "capacity","contiguity","eligibility","verdicts","pass"}
Exit: 0 computed (pass or fail is in the report) · 1 errors in the data · 2 usage or unreadable input.
`;

export function balanceJson(b: BalanceReport, occupation: ReturnType<typeof computeImpact>): Record<string, unknown> {
  const crit = (c: BalanceReport['quantity'] | BalanceReport['quality'] | BalanceReport['capacity']) => ({
    pass: c.pass, required: c.required, provided: c.provided, margin: c.margin, unit: c.unit,
  });
  return {
    occupation: {
      site_area_m2: occupation.siteAreaM2,
      site_area_mu: occupation.siteAreaMu,
      quantity_mu: occupation.compensation.quantityMu,
      quality_grade: occupation.compensation.qualityGrade,
      capacity_kg: occupation.compensation.capacityKg,
      contiguity: contiguityJson(occupation.site),
    },
    pieces: b.pieces.map((p) => ({
      id: p.id,
      area_m2: p.areaM2,
      area_mu: p.areaMu,
      eligible: p.eligible,
      eligible_m2: p.eligibleM2,
      eligible_mu: p.eligibleMu,
      zones: p.zones.map((z) => ({ kind: z.kind, id: z.zoneId, reason: z.reason, area_m2: z.areaM2, area_mu: z.areaMu })),
      slope5_m2: p.slope5M2,
      grade: p.grade,
      grade_source: p.gradeSource,
      slope_class: p.slopeClass,
      slope_source: p.slopeSource,
      reasons: p.reasons,
    })),
    quantity: crit(b.quantity),
    quality: crit(b.quality),
    capacity: crit(b.capacity),
    contiguity: {
      ...contiguityJson(b.contiguity),
      scattered: b.contiguity.scattered,
      thresholds: { min_piece_mu: b.contiguity.thresholds.minPieceMu, min_compactness: b.contiguity.thresholds.minCompactness },
      reasons: b.contiguity.reasons,
    },
    eligibility: { eligible_mu: b.eligibility.eligibleMu, ineligible_mu: b.eligibility.ineligibleMu, ineligible_pieces: b.eligibility.ineligiblePieces },
    verdicts: b.verdicts,
    pass: b.pass,
    failures: b.failures.map((f) => ({ id: f.pieceId, message: f.message })),
  };
}

const n2 = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const ok = (p: boolean) => (p ? '通过' : '不通过');

function balanceText(b: BalanceReport): string {
  let out = `占补平衡 / balance：${b.pass ? '通过 / pass' : `不通过 / fail — ${b.verdicts.join('、')}`}\n\n`;
  out += `数量：${ok(b.quantity.pass)}  需 ${n2(b.quantity.required)} 亩，补 ${n2(b.quantity.provided)} 亩，差额 ${n2(b.quantity.margin)} 亩\n`;
  out += `质量：${ok(b.quality.pass)}  需不低于 ${n2(b.quality.required)} 等，补 ${n2(b.quality.provided)} 等（1 等最好）\n`;
  out += `产能：${ok(b.capacity.pass)}  需 ${n2(b.capacity.required)} kg，补 ${n2(b.capacity.provided)} kg，差额 ${n2(b.capacity.margin)} kg\n`;
  const c = b.contiguity;
  out += `连片：${c.scattered ? '占整补散' : '通过'}  ${c.pieces} 块（占用 ${c.occupation.pieces} 块），最小 ${n2(c.smallestPieceMu)} 亩，紧凑度 ${c.compactness.toFixed(3)}（阈值：最小 ${c.thresholds.minPieceMu} 亩、紧凑度 ${c.thresholds.minCompactness}）\n`;
  for (const r of c.reasons) out += `  · ${r}\n`;
  out += `\n补充地块：\n`;
  for (const p of b.pieces) {
    out += `  ${p.id}：${n2(p.areaMu)} 亩，可计入 ${n2(p.eligibleMu)} 亩，等级 ${p.grade === null ? '—' : p.grade.toFixed(2)}，坡度 ${p.slopeClass ?? '—'}${p.eligible ? '' : ' — 不合规'}\n`;
    for (const r of p.reasons) out += `    · ${r}\n`;
  }
  return out;
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const sitePath = opt(args, 'site');
  const supPath = opt(args, 'supplement');
  if (!sitePath || !supPath) throw new UsageError(`balance needs --site FILE and --supplement FILE\n\n${usage}`);
  const got = await loadSiteInputs(args, io, [[sitePath, 'site'], [supPath, 'supplement']], 'balance', usage);
  if (typeof got === 'number') return got;
  const { loaded, findings, inputs } = got;
  const [site, sup] = got.polygons;
  const basisArg = opt(args, 'area-basis');
  const basis: AreaBasis = basisArg === undefined ? DEFAULT_AREA_BASIS : (parseAreaBasis(basisArg) ?? badBasis(basisArg));
  // the duty and the supplements' provided quantity on the same basis (地类面积 by default)
  const occupation = computeImpact(site.geoms, loaded.layers, loaded.config, { basis });
  const supplements = sup.geoms.map((geometry, i) => ({ id: sup.ids[i], geometry, attrs: sup.attrs[i] }));
  const report = computeBalance(occupation, supplements, loaded.layers, loaded.config);
  for (const f of [...occupation.failures.map((x) => ({ id: x.parcelId, message: x.message })), ...report.failures.map((x) => ({ id: x.pieceId, message: x.message }))])
    io.stderr(`警告 warning: ${f.id}: ${f.message}\n`);
  if (args.flags.has('json')) io.stdout(jsonDocument(balanceJson(report, occupation), impactMeta(io, inputs, basis)));
  else io.stdout(balanceText(report));
  return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

export const balanceCommand: Command = { summary: '占补平衡: supplements vs an occupation (quantity, quality, capacity, contiguity)', usage, run };
