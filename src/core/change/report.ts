/**
 * The year-on-year change report from pieces (pieces.ts) — every figure is a sum of 地类面积 flows (flows.ts):
 *   - matrix: Σ flows by (from, to) 地类 code as given (二级), and by 一级 class; rows add up to the before vintage's
 *     地类面积 per class, columns to the after vintage's (`reconciliation` checks it against the parcels' own areas);
 *   - cultivated: 耕地 inflow (non-耕地 → 耕地), outflow (耕地 → non-耕地), net, per region with sources/destinations;
 *   - balance (进出平衡): 耕地 → 园地/林地/草地/其他农用地 against the reverse, area-weighted GDDJ of each side, verdict;
 *   - stable (以补定占): net increase of stably used 耕地 (耕地 whose ZZSXDM is not WG; docs/change.md);
 *   - abandoned (撂荒): 耕地 WG before and cultivated after (recovered), and the reverse (abandoned);
 *   - nonAgricultural (非农化): 耕地 → 建设用地, with the pieces listed.
 * Region of a piece: the after parcel's 坐落单位代码 (today's units), else the before parcel's.
 */
import { m2ToMu } from '../area/units';
import { REGION_PREFIX } from '../layers/fields';
import { balanceGroupOf, isBalanceClass, isConstruction, isCultivated, level1Of, NO_PARCEL, TIANKAN } from './classes';
import { eachFlow } from './flows';
import { netAreaM2 } from './netArea';
import type { ChangePieces, ChangeSide } from './pieces';

export type RegionLevel = keyof typeof REGION_PREFIX;

export interface MatrixCell {
  from: string;
  to: string;
  areaM2: number;
}

export interface RegionFlows {
  region: string;
  inflowM2: number;
  outflowM2: number;
  netM2: number;
  /** Inflow by 一级 source class; outflow by 一级 destination class. */
  inflowBy: Record<string, number>;
  outflowBy: Record<string, number>;
}

export interface BalanceSide {
  areaM2: number;
  /** Area-weighted 耕地质量等级 (1 best) over the part with a GDDJ; null when none has one. */
  gddj: number | null;
  /** Area with a GDDJ (m²). */
  gradedM2: number;
  byGroup: Record<string, number>;
}

export interface BalanceRow {
  region: string;
  out: BalanceSide;
  in: BalanceSide;
  verdict: 'balanced' | 'short' | 'quality-short' | 'quality-unknown' | 'none';
  /** Area short (m²) when verdict is 'short'. */
  shortM2: number;
  text: string;
}

export interface StableRow {
  region: string;
  beforeM2: number;
  afterM2: number;
  /** Stable 耕地 gained (from non-耕地 or from WG 耕地) and lost (to non-耕地 or to WG), m². */
  gainedM2: number;
  lostM2: number;
  /** Of lostM2: to 建设用地. */
  lostToConstructionM2: number;
  netM2: number;
}

export interface AbandonedRow {
  region: string;
  recoveredM2: number;
  abandonedM2: number;
}

export interface ListedPiece {
  piece: number;
  beforeId: string;
  afterId: string;
  from: string;
  to: string;
  areaM2: number;
  region: string;
}

export type FlowCategory = 'lost-construction' | 'lost-agricultural' | 'lost-other' | 'gained' | 'restored' | 'abandoned' | 'cultivated-internal' | 'other';

export interface ChangeReportOptions {
  /** Region code prefix: only pieces in it. */
  region?: string;
  /** Level of the per-region tables. Default township. */
  level?: RegionLevel;
  /** 进出平衡 area tolerance (m²). Default 0.5. */
  balanceToleranceM2?: number;
}

export interface ChangeReport {
  source: ChangePieces['source'];
  files: ChangePieces['files'];
  region?: string;
  level: RegionLevel;
  matrix: MatrixCell[];
  matrixLevel1: MatrixCell[];
  beforeByClass: Record<string, number>;
  afterByClass: Record<string, number>;
  /** Σ rows / Σ columns against each vintage's own 地类面积 (null with a region filter or for a change layer). */
  reconciliation: { beforeTotalM2: number; afterTotalM2: number; rowsM2: number; columnsM2: number; maxClassDiffM2: number } | null;
  cultivated: { beforeM2: number; afterM2: number; inflowM2: number; outflowM2: number; netM2: number };
  regions: RegionFlows[];
  balance: BalanceRow[];
  balanceTotal: BalanceRow;
  stable: StableRow[];
  stableTotal: StableRow;
  abandoned: AbandonedRow[];
  abandonedTotal: AbandonedRow;
  nonAgricultural: ListedPiece[];
  nonAgriculturalByRegion: Record<string, number>;
  /** Category of each piece (by its own-class flow) — the map colours pieces by it. */
  categories: (FlowCategory | null)[];
  /** Pieces under the sliver tolerance: counted in every figure, listed here (the first 1,000). */
  slivers: { count: number; totalM2: number; toleranceM2: number; list: { piece: number; beforeId: string; afterId: string; areaM2: number }[] };
  rules: string[];
}

const isWG = (s: ChangeSide | undefined) => s?.zzsxdm === 'WG';

export function regionOfPiece(pieces: ChangePieces, k: number): string {
  const aj = pieces.a[k];
  const bi = pieces.b[k];
  return (aj >= 0 ? pieces.after[aj].zldwdm : undefined) ?? (bi >= 0 ? pieces.before[bi].zldwdm : undefined) ?? '';
}

const add = (o: Record<string, number>, k: string, v: number) => {
  o[k] = (o[k] ?? 0) + v;
};

function getOr<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
}

function emptyBalanceSide(): BalanceSide & { gw: number } {
  return { areaM2: 0, gddj: null, gradedM2: 0, byGroup: {}, gw: 0 };
}

/** A flow of `m2` into or out of 耕地 on one side of the 进出平衡: its group, and its grade (weighted) when known. */
function addToBalanceSide(side: BalanceSide & { gw: number }, group: string, grade: number | undefined, m2: number): void {
  side.areaM2 += m2;
  add(side.byGroup, group, m2);
  if (grade !== undefined) {
    side.gradedM2 += m2;
    side.gw += grade * m2;
  }
}

export const CHANGE_RULES = [
  '面积为地类面积：图斑面积 × (1 − KCXS)，田坎 1203 另列；叠加为 CGCS2000 椭球面积 / areas are 地类面积 (area × (1 − KCXS)), 田坎 1203 listed apart; ellipsoidal (CGCS2000)',
  '耕地流入 = 非耕地 → 耕地，流出 = 耕地 → 非耕地（含田坎 1203）/ inflow = non-耕地 → 耕地, outflow = 耕地 → non-耕地 (1203 included)',
  '进出平衡：耕地 → 园地/林地/草地/其他农用地(1006, 1104, 1107, 1202) 与反向比较，质量为面积加权 GDDJ（1 最好）/ 进出平衡 compares 耕地 → 园地/林地/草地/other agricultural with the reverse; quality is area-weighted GDDJ (1 best)',
  '稳定利用耕地 = 耕地且种植属性不为 WG（未耕种）；以补定占净增加 = 后期稳定利用耕地 − 前期 / stably used 耕地 = 耕地 whose ZZSXDM is not WG; net increase = after − before',
  '撂荒恢复 = 前期 WG 耕地 → 后期非 WG 耕地；新撂荒 = 反向 / recovered = WG 耕地 → cultivated 耕地; abandoned = the reverse',
  '非农化 = 耕地 → 建设用地（05–09, 10 除 1006, 1109, 1201）/ 非农化 = 耕地 → construction land',
  '图斑所属区域取后期坐落单位代码，无则取前期 / a piece belongs to the after parcel’s 坐落单位, else the before parcel’s',
];

export function changeReport(pieces: ChangePieces, opts: ChangeReportOptions = {}): ChangeReport {
  const level = opts.level ?? 'township';
  const n = REGION_PREFIX[level];
  const prefix = opts.region;
  const tolM2 = opts.balanceToleranceM2 ?? 0.5;
  const regionCodes = new Array<string>(pieces.count);
  const inScope = new Uint8Array(pieces.count);
  for (let k = 0; k < pieces.count; k++) {
    const r = regionOfPiece(pieces, k);
    regionCodes[k] = r;
    inScope[k] = prefix === undefined || r.startsWith(prefix) ? 1 : 0;
  }
  const levelCode = (k: number) => (regionCodes[k].length >= n ? regionCodes[k].slice(0, n) : regionCodes[k] || '(无区域)');

  const matrix = new Map<string, MatrixCell>();
  const matrix1 = new Map<string, MatrixCell>();
  const beforeByClass: Record<string, number> = {};
  const afterByClass: Record<string, number> = {};
  const cult = { beforeM2: 0, afterM2: 0, inflowM2: 0, outflowM2: 0, netM2: 0 };
  const regions = new Map<string, RegionFlows>();
  const bal = new Map<string, { out: ReturnType<typeof emptyBalanceSide>; in: ReturnType<typeof emptyBalanceSide> }>();
  const balTotal = { out: emptyBalanceSide(), in: emptyBalanceSide() };
  const stable = new Map<string, StableRow>();
  const stableTotal: StableRow = { region: '', beforeM2: 0, afterM2: 0, gainedM2: 0, lostM2: 0, lostToConstructionM2: 0, netM2: 0 };
  const aband = new Map<string, AbandonedRow>();
  const abandTotal: AbandonedRow = { region: '', recoveredM2: 0, abandonedM2: 0 };
  const nonAgri: ListedPiece[] = [];
  const nonAgriByRegion: Record<string, number> = {};
  const categories: (FlowCategory | null)[] = new Array(pieces.count).fill(null);

  const regionRow = (r: string) => getOr(regions, r, () => ({ region: r, inflowM2: 0, outflowM2: 0, netM2: 0, inflowBy: {}, outflowBy: {} }));
  const stableRow = (r: string) => getOr(stable, r, () => ({ region: r, beforeM2: 0, afterM2: 0, gainedM2: 0, lostM2: 0, lostToConstructionM2: 0, netM2: 0 }));
  const abandRow = (r: string) => getOr(aband, r, () => ({ region: r, recoveredM2: 0, abandonedM2: 0 }));
  const balRow = (r: string) => getOr(bal, r, () => ({ out: emptyBalanceSide(), in: emptyBalanceSide() }));

  eachFlow(pieces, (f) => {
    const k = f.piece;
    if (inScope[k] === 0) return;
    const s = f.areaM2;
    const key = `${f.from}\u0000${f.to}`;
    const cell = matrix.get(key);
    if (cell) cell.areaM2 += s;
    else matrix.set(key, { from: f.from, to: f.to, areaM2: s });
    const f1 = level1Of(f.from);
    const t1 = level1Of(f.to);
    const key1 = `${f1}\u0000${t1}`;
    const c1 = matrix1.get(key1);
    if (c1) c1.areaM2 += s;
    else matrix1.set(key1, { from: f1, to: t1, areaM2: s });
    add(beforeByClass, f.from, s);
    add(afterByClass, f.to, s);
    const r = levelCode(k);
    const cf = isCultivated(f.from);
    const ct = isCultivated(f.to);
    if (cf) cult.beforeM2 += s;
    if (ct) cult.afterM2 += s;
    if (!cf && ct) {
      cult.inflowM2 += s;
      const row = regionRow(r);
      row.inflowM2 += s;
      add(row.inflowBy, f1, s);
    } else if (cf && !ct) {
      cult.outflowM2 += s;
      const row = regionRow(r);
      row.outflowM2 += s;
      add(row.outflowBy, t1, s);
    }
    // 进出平衡
    if (cf && isBalanceClass(f.to)) {
      for (const side of [balRow(r).out, balTotal.out]) addToBalanceSide(side, balanceGroupOf(f.to) as string, f.before?.gddj, s);
    } else if (ct && isBalanceClass(f.from)) {
      for (const side of [balRow(r).in, balTotal.in]) addToBalanceSide(side, balanceGroupOf(f.from) as string, f.after?.gddj, s);
    }
    // 以补定占: stably used 耕地 on each side
    const sb = cf && !isWG(f.before);
    const sa = ct && !isWG(f.after);
    if (sb || sa) {
      for (const row of [stableRow(r), stableTotal]) {
        if (sb) row.beforeM2 += s;
        if (sa) row.afterM2 += s;
        if (sa && !sb) row.gainedM2 += s;
        if (sb && !sa) {
          row.lostM2 += s;
          if (isConstruction(f.to)) row.lostToConstructionM2 += s;
        }
      }
    }
    // 撂荒
    if (cf && ct) {
      if (isWG(f.before) && !isWG(f.after)) {
        abandRow(r).recoveredM2 += s;
        abandTotal.recoveredM2 += s;
      } else if (!isWG(f.before) && isWG(f.after)) {
        abandRow(r).abandonedM2 += s;
        abandTotal.abandonedM2 += s;
      }
    }
    // 非农化
    if (cf && isConstruction(f.to)) {
      add(nonAgriByRegion, r, s);
      const last = nonAgri.at(-1);
      if (last !== undefined && last.piece === k && last.from === f.from && last.to === f.to) last.areaM2 += s;
      else nonAgri.push({ piece: k, beforeId: f.before?.id ?? '', afterId: f.after?.id ?? '', from: f.from, to: f.to, areaM2: s, region: regionCodes[k] });
    }
    // map category, from the piece's own-class flow
    if ((f.fromOwn && f.toOwn) || (f.from === NO_PARCEL) !== (f.to === NO_PARCEL)) {
      if (f.from === TIANKAN || f.to === TIANKAN) return;
      let c: FlowCategory | null = null;
      if (cf && !ct) c = isConstruction(f.to) ? 'lost-construction' : isBalanceClass(f.to) ? 'lost-agricultural' : 'lost-other';
      else if (!cf && ct) c = 'gained';
      else if (cf && ct) c = isWG(f.before) && !isWG(f.after) ? 'restored' : !isWG(f.before) && isWG(f.after) ? 'abandoned' : f.from !== f.to ? 'cultivated-internal' : null;
      else if (f.from !== f.to) c = 'other';
      if (c !== null) categories[k] = c;
    }
  });
  cult.netM2 = cult.inflowM2 - cult.outflowM2;
  for (const row of regions.values()) row.netM2 = row.inflowM2 - row.outflowM2;
  for (const row of [...stable.values(), stableTotal]) row.netM2 = row.afterM2 - row.beforeM2;

  const finishSide = (x: ReturnType<typeof emptyBalanceSide>): BalanceSide => ({
    areaM2: x.areaM2, gddj: x.gradedM2 > 0 ? x.gw / x.gradedM2 : null, gradedM2: x.gradedM2, byGroup: x.byGroup,
  });
  const verdict = (region: string, o: BalanceSide, i: BalanceSide): BalanceRow => {
    let v: BalanceRow['verdict'];
    let shortM2 = 0;
    let text: string;
    if (o.areaM2 <= tolM2 && i.areaM2 <= tolM2) {
      v = 'none';
      text = '无进出 / no flows';
    } else if (i.areaM2 < o.areaM2 - tolM2) {
      v = 'short';
      shortM2 = o.areaM2 - i.areaM2;
      text = `数量不足，差 ${m2ToMu(shortM2).toFixed(2)} 亩 / short by ${m2ToMu(shortM2).toFixed(2)} mu`;
    } else if (o.areaM2 > tolM2 && (o.gddj === null || i.gddj === null)) {
      v = 'quality-unknown';
      text = '数量平衡，质量等级缺失无法比较 / quantity balanced, quality grades missing';
    } else if (o.gddj !== null && i.gddj !== null && i.gddj > o.gddj + 1e-9) {
      v = 'quality-short';
      text = `数量平衡，质量不足（进 ${i.gddj.toFixed(2)} 等 劣于 出 ${o.gddj.toFixed(2)} 等）/ quantity balanced, quality short (in ${i.gddj.toFixed(2)} worse than out ${o.gddj.toFixed(2)})`;
    } else {
      v = 'balanced';
      text = '平衡 / balanced';
    }
    return { region, out: o, in: i, verdict: v, shortM2, text };
  };

  // reconciliation against the vintages' own 地类面积 (whole data only: a region filter cuts pieces, not parcels)
  let reconciliation: ChangeReport['reconciliation'] = null;
  if (prefix === undefined && pieces.source === 'overlay') {
    const own = (sides: readonly ChangeSide[]) => {
      const by: Record<string, number> = {};
      let total = 0;
      for (const sd of sides) {
        const net = netAreaM2(sd.areaM2, sd.kcxs);
        add(by, sd.dlbm, net);
        if (sd.areaM2 - net > 0) add(by, TIANKAN, sd.areaM2 - net);
        total += sd.areaM2;
      }
      return { by, total };
    };
    const ob = own(pieces.before);
    const oa = own(pieces.after);
    let maxDiff = 0;
    for (const [c, v] of Object.entries(ob.by)) maxDiff = Math.max(maxDiff, Math.abs((beforeByClass[c] ?? 0) - v));
    for (const [c, v] of Object.entries(oa.by)) maxDiff = Math.max(maxDiff, Math.abs((afterByClass[c] ?? 0) - v));
    const sumOwn = (o: Record<string, number>) => Object.entries(o).reduce((s, [c, v]) => (c === NO_PARCEL ? s : s + v), 0);
    reconciliation = { beforeTotalM2: ob.total, afterTotalM2: oa.total, rowsM2: sumOwn(beforeByClass), columnsM2: sumOwn(afterByClass), maxClassDiffM2: maxDiff };
  }

  const sortCells = (m: Map<string, MatrixCell>) => [...m.values()].sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
  const byRegion = <T extends { region: string }>(m: Map<string, T>) => [...m.values()].sort((x, y) => (x.region < y.region ? -1 : 1));
  let sliverTotal = 0;
  let sliverCount = 0;
  const sliverList: ChangeReport['slivers']['list'] = [];
  for (const sl of pieces.slivers)
    if (inScope[sl.piece]) {
      sliverCount++;
      sliverTotal += sl.areaM2;
      if (sliverList.length < 1000) {
        const bi = pieces.b[sl.piece];
        const aj = pieces.a[sl.piece];
        sliverList.push({ piece: sl.piece, beforeId: bi >= 0 ? pieces.before[bi].id : '', afterId: aj >= 0 ? pieces.after[aj].id : '', areaM2: sl.areaM2 });
      }
    }
  const report: ChangeReport = {
    source: pieces.source,
    files: pieces.files,
    level,
    matrix: sortCells(matrix),
    matrixLevel1: sortCells(matrix1),
    beforeByClass,
    afterByClass,
    reconciliation,
    cultivated: cult,
    regions: byRegion(regions),
    balance: [...bal.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([r, x]) => verdict(r, finishSide(x.out), finishSide(x.in))),
    balanceTotal: verdict('', finishSide(balTotal.out), finishSide(balTotal.in)),
    stable: byRegion(stable),
    stableTotal,
    abandoned: byRegion(aband),
    abandonedTotal: abandTotal,
    nonAgricultural: nonAgri,
    nonAgriculturalByRegion: nonAgriByRegion,
    categories,
    slivers: { count: sliverCount, totalM2: sliverTotal, toleranceM2: pieces.sliverM2, list: sliverList },
    rules: CHANGE_RULES,
  };
  if (prefix !== undefined) report.region = prefix;
  return report;
}
