/**
 * The dashboard: 耕地 and 永久基本农田 against the national 18.65 / 15.46 亿亩 and the region's allocated targets,
 * per-layer totals, and breakdowns by 地类, quality grade, slope class and township — each chart with a sortable
 * table twin. Every figure is the engine's (core/analysis/summary via the worker) for the current region filter.
 */
import { useState } from 'react';
import type { Bucket } from '../core/analysis/breakdown';
import type { LayerSummary } from '../core/analysis/summary';
import { NATIONAL_TARGETS, type TargetLine } from '../core/analysis/targets';
import { muToM2 } from '../core/area/units';
import { isAreaKind, layerKindInfo } from '../core/layers/kinds';
import type { LayerKind } from '../core/types';
import type { Lang } from '../state/store';
import { BarChart } from './BarChart';
import { ConflictsPanel } from './ConflictsPanel';
import { IndicatorsPanel } from './IndicatorsPanel';
import { useApp, useAppFields, useT } from './context';
import { areaAuto, methodLabel, num, paren, percent } from './format';
import { GRADE_COLORS, SLOPE_COLORS } from '../map/styles';
import { layerDisplayName } from './layerName';
import { SortableTable } from './SortableTable';
import { gradeName, landClassName, slopeName } from './words/codeNames';

const NATIONAL_MU: Record<'cultivated' | 'permanent-basic', number> = { cultivated: NATIONAL_TARGETS.cultivatedMu, 'permanent-basic': NATIONAL_TARGETS.permanentBasicMu };
const sumKind = (layers: LayerSummary[], kind: LayerKind, net = false) => layers.filter((s) => s.kind === kind).reduce((a, s) => a + (net ? s.net.m2 : s.area.m2), 0);
const basisZh = (b: 'net' | 'polygon', lang: Lang) => (lang === 'zh' ? (b === 'net' ? '地类面积' : '图斑面积') : b === 'net' ? 'net land-class area' : 'polygon area');
const muText = (lang: Lang) => (lang === 'zh' ? '亩' : 'mu');

function TargetCard({ kind, lang, layers, line, basis }: { kind: 'cultivated' | 'permanent-basic'; lang: Lang; layers: LayerSummary[]; line?: TargetLine & { level: string }; basis: 'net' | 'polygon' }) {
  const t = useT();
  // the card's figure is on the target basis (地类面积 by default); both areas are shown beneath
  const m2 = sumKind(layers, kind, basis === 'net');
  const polyM2 = sumKind(layers, kind);
  const netM2 = sumKind(layers, kind, true);
  const share = m2 / muToM2(NATIONAL_MU[kind]);
  const hasTarget = line !== undefined && line.level !== 'national';
  const ratio = hasTarget && line.ratio !== null ? line.ratio : undefined;
  return (
    <div className="card" data-testid={`card-${kind}`}>
      <div className="card-title">
        <span className="swatch" style={{ background: layerKindInfo(kind).color }} aria-hidden="true" />
        {layerKindInfo(kind)[lang]}
      </div>
      <div className="card-value" data-testid={`total-${kind}`} data-m2={m2} data-basis={basis}>
        {areaAuto(m2, lang)}
      </div>
      <div className="card-sub" data-testid={`areas-${kind}`} data-polygon-m2={polyM2} data-net-m2={netM2}>
        {lang === 'zh' ? `按${basisZh(basis, lang)}计` : `on the ${basisZh(basis, lang)}`}
        <br />
        {basisZh('polygon', lang)} {num((polyM2 * 3) / 2000, lang, 2)} {muText(lang)}
        <br />
        {basisZh('net', lang)} {num((netM2 * 3) / 2000, lang, 2)} {muText(lang)}
      </div>
      <div className="card-sub">{num(m2 / 10_000, lang, 2)} {lang === 'zh' ? '公顷' : 'ha'}</div>
      {hasTarget && line.achievedMu !== null ? (
        <>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((ratio ?? 0) * 100)} aria-label={t('targetRatio')}>
            <div className={`progress-bar${line.status === 'short' ? ' is-short' : ''}`} style={{ width: `${Math.min(100, (ratio ?? 0) * 100)}%` }} />
          </div>
          <div className="card-foot" data-testid={`target-${kind}`} data-basis={basis} data-achieved-mu={line.achievedMu}>
            {t('target')} {num(line.targetMu, lang, 2)} {muText(lang)} · {percent(ratio ?? Number.NaN, lang)}
            <br />
            <strong className={line.status === 'short' ? 'gap' : 'surplus'}>
              {line.status === 'short' ? `${t('gap')} ${num(line.gapMu ?? 0, lang, 2)}` : `${t('surplus')} ${num(line.surplusMu ?? 0, lang, 2)}`} {muText(lang)}
            </strong>
          </div>
        </>
      ) : (
        <>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={share * 100} aria-label={t('shareOfNational')}>
            <div className="progress-bar" style={{ width: `${Math.min(100, Math.max(share * 100, share > 0 ? 0.8 : 0))}%` }} />
          </div>
          <div className="card-foot">{t('noRegionTarget')}</div>
        </>
      )}
      <div className="card-foot">
        {t('shareOfNational')} {kind === 'cultivated' ? (lang === 'zh' ? '18.65 亿亩' : '1.865 billion mu') : lang === 'zh' ? '15.46 亿亩' : '1.546 billion mu'}
        {lang === 'zh' ? '：' : ': '}
        {percent(share, lang)}
      </div>
    </div>
  );
}

type Dim = 'byLandClass' | 'byGrade' | 'bySlope' | 'byTownship' | 'byVillage';
const DIMS: { key: Dim; zh: string; en: string }[] = [
  { key: 'byLandClass', zh: '地类', en: 'Land class' },
  { key: 'byGrade', zh: '质量等级', en: 'Quality grade' },
  { key: 'bySlope', zh: '坡度级别', en: 'Slope class' },
  { key: 'byTownship', zh: '乡镇', en: 'Township' },
  { key: 'byVillage', zh: '村', en: 'Village' },
];
const LAND_COLORS: Record<string, string> = { paddy: '#5aa9d6', irrigated: '#8cc084', dry: '#e3c16f' };
function bucketColor(dim: Dim, b: Bucket): string {
  if (dim === 'byGrade') return GRADE_COLORS[Number(b.key) - 1] ?? '#bdbdbd';
  if (dim === 'bySlope') return SLOPE_COLORS[Number(b.key) - 1] ?? '#bdbdbd';
  if (dim === 'byLandClass') return LAND_COLORS[b.key] ?? '#bdbdbd';
  return '#6f93b8';
}

function Breakdown({ layer, dim, lang, regionName }: { layer: LayerSummary; dim: Dim; lang: Lang; regionName: (code: string) => string }) {
  const t = useT();
  const d = DIMS.find((x) => x.key === dim)!;
  const label = (b: Bucket) => {
    if (dim === 'byTownship' || dim === 'byVillage') return b.key === 'unknown' ? b.label : regionName(b.key) || b.label || b.key;
    if (dim === 'bySlope') return slopeName(b.key, lang);
    if (dim === 'byGrade') return gradeName(b.key, lang);
    return landClassName(b.key, lang, b.label);
  };
  const rows = layer[dim].filter((b) => b.features > 0);
  const title = `${layerDisplayName(layer.name, layer.kind, lang)} · ${d[lang]}`;
  if (rows.length === 0) return null;
  return (
    <div className="breakdown" data-testid={`breakdown-${dim}`}>
      <h4>{title}</h4>
      <BarChart title={title} bars={rows.map((b) => ({ key: b.key, label: label(b), value: b.areaM2, color: bucketColor(dim, b), text: `${areaAuto(b.areaM2, lang)} · ${percent(b.share, lang)}` }))} />
      <SortableTable
        caption={`${title}${paren(muText(lang), lang)}`}
        rowKey={(b) => b.key}
        rows={rows}
        columns={[
          { key: 'label', label: d[lang], value: label },
          { key: 'features', label: t('count'), numeric: true, value: (b) => b.features, render: (b) => num(b.features, lang) },
          { key: 'area', label: `${t('area')}${paren(muText(lang), lang)}`, numeric: true, value: (b) => b.areaM2, render: (b) => num(b.areaMu, lang, 2) },
          { key: 'share', label: t('share'), numeric: true, value: (b) => b.share, render: (b) => percent(b.share, lang) },
        ]}
      />
    </div>
  );
}

export function StatsPanel() {
  const t = useT();
  const { lang, summary, stats, summaryFor, conflictsError, regions, indicators } = useAppFields('lang', 'summary', 'stats', 'summaryFor', 'conflictsError', 'regions', 'indicators');
  const method = useApp((s) => s.settings.areaMethod);
  const basis = summary?.basis ?? 'net';
  const [dim, setDim] = useState<Dim>('byLandClass');
  const [layerIdx, setLayerIdx] = useState(0);
  const region = summaryFor?.region;
  const regionName = (code: string) => regions.find((r) => r.code === code)?.name ?? '';
  const title = region ? regionName(region.code) || region.code : t('allRegions');
  if (!summary) return <p className="muted">{t('loading')}</p>;
  const layers = summary.layers;
  // the whole data set is usually one county: its targets stand for "all" when the table has exactly one top region
  const sel = summary.targets.selected.level === 'national' && summary.targets.children.length === 1 ? summary.targets.children[0] : summary.targets.selected;
  const lineOf = (metric: 'cultivated' | 'permanent-basic') => {
    const l = sel.lines.find((x) => x.metric === metric);
    return l ? { ...l, level: sel.level } : undefined;
  };
  const farm = layers.map((l, i) => ({ l, i })).filter((x) => isAreaKind(x.l.kind) && x.l.features > 0);
  const chosen = farm.find((x) => x.i === layerIdx) ?? farm[0];
  const rows = layers.map((l, i) => ({ l: { ...l, name: layerDisplayName(l.name, l.kind, lang) }, i, sph: stats[i]?.kind === l.kind ? stats[i] : undefined }));
  const rewardOf = (code: string, metric: string): number | null => indicators?.rewardPenalty.find((l) => l.code === code && l.metric === metric)?.netYuan ?? null;
  const targetRows = [summary.targets.selected, ...summary.targets.children].flatMap((r, ri) => r.lines.map((line) => ({ r, ri, line })));
  return (
    <section className="panel" aria-labelledby="stats-h">
      <h2 id="stats-h">
        {t('stats')} · <span data-testid="stats-region">{title}</span>
      </h2>
      <p className="method-note" data-testid="stats-method">
        {t('areaMethod')}
        {lang === 'zh' ? '：' : ': '}
        {methodLabel('ellipsoidal', lang)}
        {lang === 'zh' ? '；图层内重叠只计一次' : '; overlaps inside a layer counted once'}
        <br />
        <span data-testid="stats-basis">
          {lang === 'zh'
            ? `耕地面积与目标按${basisZh(basis, 'zh')}计（地类面积 = 图斑面积 × TBDLMJ/TBMJ，无则 × (1 − KCXS)；田坎 1203 单列）`
            : `Cultivated-land figures and targets on the ${basisZh(basis, 'en')} (net = polygon area × TBDLMJ/TBMJ, else × (1 − KCXS); field ridges, class 1203, apart)`}
        </span>
      </p>
      <p className="method-note" data-testid="totals-layers">
        {lang === 'zh' ? '合计包含：' : 'Totals include: '}
        {layers.map((l) => layerDisplayName(l.name, l.kind, lang)).join(lang === 'zh' ? '、' : ', ')}
      </p>
      <div className="cards">
        <TargetCard kind="cultivated" lang={lang} layers={layers} line={lineOf('cultivated')} basis={basis} />
        <TargetCard kind="permanent-basic" lang={lang} layers={layers} line={lineOf('permanent-basic')} basis={basis} />
      </div>

      <IndicatorsPanel lang={lang} regionName={regionName} />

      <ConflictsPanel summary={summary} />
      {conflictsError && (
        <p className="warn" role="alert">
          {t('conflicts')}
          {lang === 'zh' ? '：' : ': '}
          {conflictsError}
        </p>
      )}

      {targetRows.some((x) => x.r.level !== 'national') && (
        <div className="cv-auto">
          <h3>{t('targets')}</h3>
          <SortableTable
            caption={`${t('targets')}${paren(muText(lang), lang)}`}
            testId="targets-table"
            rowKey={(x) => `${x.r.code}:${x.line.metric}`}
            rows={targetRows.filter((x) => x.r.level !== 'national')}
            columns={[
              { key: 'region', label: t('region'), value: (x) => x.r.name || regionName(x.r.code) || x.r.code },
              { key: 'metric', label: t('metric'), value: (x) => layerKindInfo(x.line.metric)[lang] },
              { key: 'target', label: t('target'), numeric: true, value: (x) => x.line.targetMu, render: (x) => num(x.line.targetMu, lang, 0) },
              { key: 'achieved', label: t('achieved'), numeric: true, value: (x) => x.line.achievedMu ?? -1, render: (x) => (x.line.achievedMu === null ? '—' : num(x.line.achievedMu, lang, 0)) },
              {
                key: 'balance',
                label: t('balance'),
                numeric: true,
                value: (x) => x.line.balanceMu ?? 0,
                render: (x) => (x.line.balanceMu === null ? '—' : <span className={x.line.balanceMu < 0 ? 'gap' : 'surplus'}>{`${x.line.balanceMu >= 0 ? '+' : ''}${num(x.line.balanceMu, lang, 0)}`}</span>),
              },
              {
                // 经济奖惩 (core/analysis/indicators/rewardPenalty): reward (+) for a surplus, compensation (−) for a 缺口
                key: 'reward',
                label: lang === 'zh' ? '奖惩(元)' : 'Reward/charge (yuan)',
                numeric: true,
                value: (x) => rewardOf(x.r.code, x.line.metric) ?? 0,
                render: (x) => {
                  const v = rewardOf(x.r.code, x.line.metric);
                  return v === null ? '—' : <span className={v < 0 ? 'gap' : 'surplus'} data-yuan={v}>{`${v >= 0 ? '+' : ''}${num(v, lang, 0)}`}</span>;
                },
              },
            ]}
          />
        </div>
      )}

      <div className="cv-auto">
        <h3>
          {t('totals')}
          {paren(basisZh('polygon', lang), lang)}
        </h3>
        <BarChart
          title={`${t('totals')}${paren(basisZh('polygon', lang), lang)}`}
          bars={rows.map(({ l, i }) => ({ key: String(i), label: l.name, value: l.area.m2, color: layerKindInfo(l.kind).color, text: areaAuto(l.area.m2, lang) }))}
        />
        <SortableTable
          caption={`${t('totals')}${paren(`${methodLabel('ellipsoidal', lang)}${method === 'spherical' ? `${lang === 'zh' ? '；' : '; '}${t('sphericalArea')}` : ''}`, lang)}`}
          testId="totals-table"
          rowKey={(r) => String(r.i)}
          rows={rows}
          columns={[
            { key: 'name', label: t('layer'), value: (r) => (r.l.region !== undefined && !r.l.regionApplied ? `${r.l.name} *` : r.l.regionRule === 'boundary' ? `${r.l.name} †` : r.l.name) },
            { key: 'count', label: t('count'), numeric: true, value: (r) => r.l.features, render: (r) => num(r.l.features, lang) },
            { key: 'area', label: `${t('area')}${paren(muText(lang), lang)}`, numeric: true, value: (r) => r.l.area.m2, render: (r) => <span data-m2={r.l.area.m2} data-rule={r.l.regionRule ?? ''}>{num(r.l.area.mu, lang, 2)}</span> },
            { key: 'net', label: `${basisZh('net', lang)}${paren(muText(lang), lang)}`, numeric: true, value: (r) => r.l.net.m2, render: (r) => <span data-net-m2={r.l.net.m2}>{num(r.l.net.mu, lang, 2)}</span> },
            ...(method === 'spherical'
              ? [{ key: 'sph', label: `${t('sphericalArea')}${paren(muText(lang), lang)}`, numeric: true, value: (r: (typeof rows)[number]) => r.sph?.areaM2 ?? 0, render: (r: (typeof rows)[number]) => (r.sph ? num((r.sph.areaM2 * 3) / 2000, lang, 2) : '—') }]
              : []),
          ]}
        />
        {rows.some((r) => r.l.region !== undefined && !r.l.regionApplied) && <p className="method-note">* {t('notFiltered')}</p>}
        {rows.some((r) => r.l.regionRule === 'boundary') && (
          <p className="method-note" data-testid="clipped-note">
            † {lang === 'zh' ? '本图层无区划代码，已按所选区划边界裁切（椭球面积）' : 'no region codes: clipped to the selected unit’s boundary (ellipsoidal area)'}
          </p>
        )}
      </div>
      {farm.length > 0 && chosen && (
        <div className="cv-auto">
          <h3>{t('breakdowns')}</h3>
          <fieldset className="seg" aria-label={t('breakdowns')}>
            {DIMS.map((d) => (
              <button key={d.key} type="button" aria-pressed={dim === d.key} onClick={() => setDim(d.key)}>
                {d[lang]}
              </button>
            ))}
          </fieldset>
          {farm.length > 1 && (
            <label className="field inline">
              <span>{t('layer')}</span>
              <select value={chosen.i} onChange={(e) => setLayerIdx(Number(e.target.value))}>
                {farm.map((x) => (
                  <option key={x.i} value={x.i}>
                    {layerDisplayName(x.l.name, x.l.kind, lang)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <Breakdown layer={chosen.l} dim={dim} lang={lang} regionName={regionName} />
        </div>
      )}
    </section>
  );
}
