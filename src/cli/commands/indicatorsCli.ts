/**
 * The indicators' part of `farmland summary`: the reward / compensation rates read from the analysis config file,
 * and the indicators as text for the terminal. The figures are core's (analysis/indicators/*).
 */
import { parseRewardRates, type RewardRates } from '../../core/analysis/indicators/rewardPenalty';
import type { Indicators } from '../../core/analysis/indicators/indicators';
import { formatNumber, m2ToMu } from '../../core/area/units';
import type { Finding } from '../../core/types';
import type { CliIO } from '../io';
import { readJsonFile } from '../manifest';

/** The "reward_penalty" rates of a config file (the rest of the file is the occupation analysis's). */
export async function readRewardRates(path: string, io: CliIO): Promise<{ rates: RewardRates; findings: Finding[]; file: string }> {
  const json = await readJsonFile(path, io);
  const file = path.split(/[\\/]/).pop() ?? path;
  return { ...parseRewardRates(json, file), file };
}

const mu = (m2: number) => formatNumber(m2ToMu(m2), 2);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** The metadata note on the indicators' area basis. */
export function indicatorsNote(ind: Indicators): string {
  const basis = ind.highStandard?.basis ?? ind.abandoned?.basis ?? ind.blackSoil?.basis ?? ind.saline?.basis ?? 'gross';
  return basis === 'net'
    ? '指标面积为地类面积（扣除田坎：面积×(1−KCXS)，无 KCXS 的图斑按椭球面积）；重叠只计一次 / indicator areas are net of 田坎 (area × (1 − KCXS)); overlaps once'
    : '指标面积为椭球面积（数据无 KCXS）；重叠只计一次 / indicator areas are ellipsoidal (no KCXS in the data); overlaps once';
}

export function indicatorsText(ind: Indicators): string {
  let out = '\n质量指标 / indicators：\n';
  const hs = ind.highStandard;
  if (hs)
    out += `  永久基本农田 ${mu(hs.permanentBasicM2)} 亩，已建高标准农田 ${mu(hs.inHighStandardM2)} 亩（${pct(hs.share)}），尚未建设 ${mu(hs.remainderM2)} 亩，候选图斑 ${hs.remainderParcels} 个${hs.highStandardLoaded ? '' : '（未加载高标准农田图层）'}\n`;
  if (hs?.candidates.length)
    out += `  建设候选前 5：${hs.candidates.slice(0, 5).map((c) => `${c.id}（${formatNumber(c.remainderMu, 1)} 亩，${c.score.toFixed(1)} 分）`).join('、')}（全部见 --json/--xlsx 建设候选）\n`;
  const bs = ind.blackSoil;
  if (bs) out += `  黑土地内耕地 ${mu(bs.insideM2)} 亩（占耕地 ${pct(bs.share)}），坡度 3–5 级侵蚀风险 ${mu(bs.erosionRiskM2)} 亩（${pct(bs.erosionRiskShare)}）\n`;
  const sa = ind.saline;
  if (sa) out += `  盐碱耕地 ${mu(sa.totalM2)} 亩：${Object.entries(sa.byDegree).filter(([, v]) => v > 0).map(([k, v]) => `${k === 'unknown' ? '程度未填' : k} ${mu(v)}`).join(' · ') || '—'}\n`;
  const ab = ind.abandoned;
  if (ab) out += `  撂荒地 ${mu(ab.abandonedM2)} 亩（占耕地 ${pct(ab.share)}，${ab.parcels} 个图斑；依据 ${ab.source === 'layer' ? '撂荒地图层' : 'ZZSXDM = WG'}）\n`;
  if (ind.rewardPenalty.length) {
    const net = ind.rewardPenalty.filter((l) => l.level !== 'county' || ind.rewardPenalty.every((x) => x.level === 'county'));
    out += `  经济奖惩（${ind.rewardRates.source}）：${net
      .slice(0, 8)
      .map((l) => `${l.name || l.code} ${l.metric === 'cultivated' ? '耕地' : '永农'} ${l.netYuan === null ? '—' : `${l.netYuan >= 0 ? '+' : ''}${formatNumber(l.netYuan, 0)} 元`}`)
      .join(' · ')}${net.length > 8 ? ' …' : ''}\n`;
  }
  return out;
}
