/**
 * The opinion's quality tasks on the dashboard: a progress card for 永久基本农田 built into 高标准农田 (with the map
 * highlight of the remainder), the remainder's ranked candidates with the inputs of their score, and 黑土地,
 * 盐碱耕地 and 撂荒地 — each chart with its table twin. Every figure is the engine's (core/analysis/indicators via
 * the worker) for the current region filter; the panel computes nothing.
 */
import { SALINITY_KEYS } from '../core/analysis/indicators/saline';
import { layerKindInfo } from '../core/layers/kinds';
import type { Lang } from '../state/store';
import { areaMuColumn } from './areaColumn';
import { BarChart } from './BarChart';
import { useApp } from './context';
import { areaAuto, colon, mu, num, paren, percent } from './format';
import { type Column, SortableTable } from './SortableTable';
import { type TownshipNaming, TownshipTable } from './TownshipTable';

const TEXT = {
  zh: {
    title: '质量指标',
    hsCoverage: '永久基本农田已建成高标准农田',
    ofPb: '永久基本农田',
    remainder: '尚未建设',
    candidates: '候选图斑',
    highlight: '在地图上突出显示尚未建设部分',
    remainderLoading: '正在读取尚未建设图斑…',
    remainderFailed: '无法显示尚未建设图斑',
    noHs: '未加载高标准农田图层：全部永久基本农田均计为尚未建设',
    computing: '正在计算质量指标…',
    byTownship: '各乡镇高标准农田建设进度',
    township: '乡镇',
    share: '已建占比',
    rank: '排名',
    parcel: '图斑',
    grade: '等级',
    slope: '坡度级',
    cluster: '连片(亩)',
    distance: '距高标准(米)',
    score: '得分',
    scoreNote: '得分 = 100×(0.3×等级分 + 0.2×坡度分 + 0.25×连片分 + 0.25×距离分)，示例权重；全部候选见导出的“建设候选”表',
    blackSoil: '黑土地内耕地',
    erosion: '侵蚀风险（坡度 3–5 级）',
    saline: '盐碱耕地（按程度）',
    degree: '程度',
    abandoned: '撂荒地',
    ofCultivated: '占耕地',
    parcels: '图斑数',
    areaMu: '面积(亩)',
    unknown: '未填',
    basisNet: '面积口径：地类面积（扣除田坎）',
    basisGross: '面积口径：椭球面积',
  },
  en: {
    title: 'Quality indicators',
    hsCoverage: 'Permanent basic farmland built into high-standard farmland',
    ofPb: 'permanent basic farmland',
    remainder: 'Not yet built',
    candidates: 'candidate parcels',
    highlight: 'Highlight the remainder on the map',
    remainderLoading: 'Reading the remainder parcels…',
    remainderFailed: 'Cannot show the remainder parcels',
    noHs: 'No high-standard layer loaded: all permanent basic farmland counts as remainder',
    computing: 'Computing the indicators…',
    byTownship: 'High-standard coverage by township',
    township: 'Township',
    share: 'Built share',
    rank: 'Rank',
    parcel: 'Parcel',
    grade: 'Grade',
    slope: 'Slope',
    cluster: 'Cluster (mu)',
    distance: 'To HSF (m)',
    score: 'Score',
    scoreNote: 'Score = 100×(0.3 grade + 0.2 slope + 0.25 contiguity + 0.25 distance), illustrative weights; every candidate is in the XLSX export, sheet “建设候选”',
    blackSoil: 'Cultivated land on black soil',
    erosion: 'Erosion risk (slope classes 3–5)',
    saline: 'Saline-alkali cultivated land by degree',
    degree: 'Degree',
    abandoned: 'Abandoned land',
    ofCultivated: 'of cultivated',
    parcels: 'Parcels',
    areaMu: 'Area (mu)',
    unknown: 'not given',
    basisNet: 'Area basis: net land-class area (field ridges deducted)',
    basisGross: 'Area basis: ellipsoidal',
  },
} as const;

const DEGREE_EN: Record<string, string> = { 轻度: 'light', 中度: 'moderate', 重度: 'severe', 盐土: 'saline soil' };
const DEGREE_COLORS: Record<string, string> = { 轻度: '#c7d8e3', 中度: '#8fb0c6', 重度: '#4f7894', 盐土: '#2c4a60', unknown: '#bdbdbd' };

export function IndicatorsPanel({ lang, regionName }: { lang: Lang; regionName: (code: string) => string }) {
  const T = TEXT[lang];
  const ind = useApp((s) => s.indicators);
  const error = useApp((s) => s.indicatorsError);
  const show = useApp((s) => s.showRemainder);
  const setShow = useApp((s) => s.setShowRemainder);
  const remainderLoading = useApp((s) => s.remainderLoading && s.showRemainder);
  const remainderError = useApp((s) => s.remainderError);
  if (error) return <p className="warn" role="alert">{`${T.title}${colon(lang)}${error}`}</p>;
  if (!ind) return <p className="muted">{T.computing}</p>;
  const hs = ind.highStandard;
  const towns = hs?.byRegion.filter((r) => r.level === 'township') ?? [];
  const muText = lang === 'zh' ? '亩' : 'mu';
  const naming: TownshipNaming = { nameLabel: T.township, regionName };
  // the columns the tables share: an area in 亩 (one of the row's m² fields), the share of 耕地
  const areaCol = <F extends string>(key: string, label: string, field: F): Column<Record<F, number>> => areaMuColumn(key, label, (r) => r[field], lang);
  const shareCol = <R extends { share: number | null }>(): Column<R> => ({ key: 's', label: T.ofCultivated, numeric: true, value: (r) => r.share ?? -1, render: (r) => percent(r.share ?? Number.NaN, lang) });
  return (
    <div className="cv-auto" data-testid="indicators">
      <h3>{T.title}</h3>
      {hs && (
        <div className="card" data-testid="card-hs-coverage" data-m2={hs.inHighStandardM2} data-share={hs.share ?? ''} data-pb-m2={hs.permanentBasicM2} data-remainder-parcels={hs.remainderParcels}>
          <div className="card-title">
            <span className="swatch" style={{ background: layerKindInfo('high-standard').color }} aria-hidden="true" />
            {T.hsCoverage}
          </div>
          <div className="card-value" data-testid="hs-coverage-share">
            {hs.share === null ? '—' : percent(hs.share, lang)}
          </div>
          <div className="card-sub">
            {areaAuto(hs.inHighStandardM2, lang)} / {areaAuto(hs.permanentBasicM2, lang)} {T.ofPb}
          </div>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((hs.share ?? 0) * 100)} aria-label={T.hsCoverage}>
            <div className="progress-bar" style={{ width: `${Math.min(100, (hs.share ?? 0) * 100)}%`, background: layerKindInfo('high-standard').color }} />
          </div>
          <div className="card-foot" data-testid="hs-remainder">
            {T.remainder} {areaAuto(hs.remainderM2, lang)} · {num(hs.remainderParcels, lang)} {T.candidates}
            {!hs.highStandardLoaded && <><br />{T.noHs}</>}
          </div>
          <label className="field inline card-foot">
            <input type="checkbox" data-testid="toggle-remainder" checked={show} onChange={(e) => setShow(e.target.checked)} disabled={hs.remainderParcels === 0} />
            <span>{T.highlight}</span>
          </label>
          {remainderLoading && (
            <div className="card-foot muted" role="status" data-testid="remainder-loading">
              {T.remainderLoading}
            </div>
          )}
          {remainderError && <div className="card-foot warn" role="alert">{`${T.remainderFailed}${colon(lang)}${remainderError}`}</div>}
          <div className="card-foot">{hs.basis === 'net' ? T.basisNet : T.basisGross}</div>
        </div>
      )}
      {towns.length > 0 && (
        <div className="breakdown">
          <h4>{T.byTownship}</h4>
          <BarChart
            title={T.byTownship}
            bars={towns.map((r) => ({ key: r.code, label: regionName(r.code) || r.code, value: r.share ?? 0, color: layerKindInfo('high-standard').color, text: percent(r.share ?? Number.NaN, lang) }))}
          />
          <TownshipTable
            caption={`${T.byTownship}${paren(muText, lang)}`}
            testId="hs-coverage-table"
            {...naming}
            rows={towns}
            columns={[
              areaCol('pb', T.ofPb, 'permanentBasicM2'),
              { key: 'in', label: T.hsCoverage, numeric: true, value: (r) => r.inHighStandardM2, render: (r) => <span data-m2={r.inHighStandardM2}>{num(mu(r.inHighStandardM2), lang, 2)}</span> },
              { key: 'share', label: T.share, numeric: true, value: (r) => r.share ?? -1, render: (r) => percent(r.share ?? Number.NaN, lang) },
              areaCol('rem', T.remainder, 'remainderM2'),
              { key: 'n', label: T.candidates, numeric: true, value: (r) => r.remainderParcels, render: (r) => num(r.remainderParcels, lang) },
            ]}
          />
        </div>
      )}
      {hs && hs.candidates.length > 0 && (
        <div className="breakdown">
          <SortableTable
            caption={`${T.candidates}${paren(lang === 'zh' ? '前 20' : 'top 20', lang)}`}
            testId="hs-candidates-table"
            rowKey={(c) => String(c.index)}
            rows={hs.candidates.slice(0, 20)}
            columns={[
              { key: 'rank', label: T.rank, numeric: true, value: (c) => c.rank },
              { key: 'id', label: T.parcel, value: (c) => c.id },
              { key: 'rem', label: `${T.remainder}(${muText})`, numeric: true, value: (c) => c.remainderMu, render: (c) => num(c.remainderMu, lang, 2) },
              { key: 'g', label: T.grade, numeric: true, value: (c) => c.gddj ?? 99, render: (c) => (c.gddj === undefined ? '—' : String(c.gddj)) },
              { key: 's', label: T.slope, numeric: true, value: (c) => c.gdpdjb ?? 99, render: (c) => (c.gdpdjb === undefined ? '—' : String(c.gdpdjb)) },
              { key: 'cl', label: T.cluster, numeric: true, value: (c) => c.clusterMu, render: (c) => num(c.clusterMu, lang, 1) },
              { key: 'd', label: T.distance, numeric: true, value: (c) => c.distanceM ?? 1e12, render: (c) => (c.distanceM === null ? '—' : num(c.distanceM, lang, 0)) },
              { key: 'score', label: T.score, numeric: true, value: (c) => c.score, render: (c) => num(c.score, lang, 1) },
            ]}
          />
          <p className="method-note">{T.scoreNote}</p>
        </div>
      )}
      {ind.blackSoil && (
        <div className="breakdown" data-testid="indicator-black-soil">
          <h4>{T.blackSoil}</h4>
          <p className="card-sub">
            {areaAuto(ind.blackSoil.insideM2, lang)} · {T.ofCultivated} {percent(ind.blackSoil.share ?? Number.NaN, lang)} · {T.erosion} {areaAuto(ind.blackSoil.erosionRiskM2, lang)}
            {paren(percent(ind.blackSoil.erosionRiskShare ?? Number.NaN, lang), lang)}
          </p>
          <BarChart
            title={`${T.blackSoil} · ${T.slope}`}
            bars={['1', '2', '3', '4', '5'].map((k) => ({ key: k, label: `${T.slope} ${k}`, value: ind.blackSoil!.bySlope[k] ?? 0, color: Number(k) >= 3 ? '#b2182b' : '#3d2b1f', text: areaAuto(ind.blackSoil!.bySlope[k] ?? 0, lang) }))}
          />
          <SortableTable
            caption={`${T.blackSoil}${paren(muText, lang)}`}
            rowKey={(r) => r.key}
            rows={[...Array.from({ length: 10 }, (_, i) => String(i + 1)), 'unknown'].map((k) => ({ key: k, m2: ind.blackSoil!.byGrade[k] ?? 0 })).filter((r) => r.m2 > 0)}
            columns={[
              { key: 'g', label: T.grade, value: (r) => (r.key === 'unknown' ? T.unknown : r.key) },
              areaCol('a', T.areaMu, 'm2'),
            ]}
          />
          <TownshipTable
            caption={`${T.blackSoil} · ${T.township}${paren(muText, lang)}`}
            testId="black-soil-township-table"
            {...naming}
            rows={ind.blackSoil.byRegion}
            columns={[
              areaCol('in', T.areaMu, 'insideM2'),
              shareCol(),
              areaCol('e', T.erosion, 'erosionRiskM2'),
            ]}
          />
        </div>
      )}
      {ind.saline && (
        <div className="breakdown" data-testid="indicator-saline">
          <h4>{T.saline}</h4>
          <BarChart
            title={T.saline}
            bars={SALINITY_KEYS.filter((k) => ind.saline!.byDegree[k] > 0).map((k) => ({
              key: k,
              label: k === 'unknown' ? T.unknown : lang === 'zh' ? k : DEGREE_EN[k],
              value: ind.saline!.byDegree[k],
              color: DEGREE_COLORS[k],
              text: num(mu(ind.saline!.byDegree[k]), lang, 1),
            }))}
          />
          <SortableTable
            caption={`${T.saline}${paren(muText, lang)}`}
            rowKey={(r) => r}
            rows={SALINITY_KEYS.filter((k) => ind.saline!.byDegree[k] > 0)}
            columns={[
              { key: 'd', label: T.degree, value: (k) => (k === 'unknown' ? T.unknown : lang === 'zh' ? k : DEGREE_EN[k]) },
              areaMuColumn('a', T.areaMu, (k: (typeof SALINITY_KEYS)[number]) => ind.saline!.byDegree[k], lang),
            ]}
          />
          <TownshipTable
            caption={`${T.saline} · ${T.township}${paren(muText, lang)}`}
            testId="saline-township-table"
            {...naming}
            rows={ind.saline.byRegion.filter((r) => r.totalM2 > 0)}
            columns={[
              ...(['轻度', '中度', '重度'] as const).map((k) => areaMuColumn(k, lang === 'zh' ? k : DEGREE_EN[k], (r: (typeof ind.saline.byRegion)[number]) => r.byDegree[k], lang)),
              areaCol('t', T.areaMu, 'totalM2'),
            ]}
          />
        </div>
      )}
      {ind.abandoned && ind.abandoned.abandonedM2 > 0 && (
        <div className="breakdown" data-testid="indicator-abandoned">
          <h4>{T.abandoned}</h4>
          <p className="card-sub">
            {areaAuto(ind.abandoned.abandonedM2, lang)} · {T.ofCultivated} {percent(ind.abandoned.share ?? Number.NaN, lang)} · {num(ind.abandoned.parcels, lang)} {T.parcels}
          </p>
          <TownshipTable
            caption={`${T.abandoned}${paren(muText, lang)}`}
            {...naming}
            rows={ind.abandoned.byRegion}
            columns={[
              areaCol('a', T.areaMu, 'abandonedM2'),
              shareCol(),
              { key: 'n', label: T.parcels, numeric: true, value: (r) => r.parcels, render: (r) => num(r.parcels, lang) },
            ]}
          />
        </div>
      )}
    </div>
  );
}
