/**
 * The 变化 tab (issue #17): overlay two vintages (the demo's, or files the user picks) in the engine worker, then
 * the 地类 transition as a heat table with its table twin, the 耕地 flows, 进出平衡, 以补定占, 撂荒 and 非农化, and
 * on the map the changed pieces coloured by flow with a before/after toggle. Clicking a piece shows both parcels'
 * attributes side by side. Every figure is the worker's changeJson — the same JSON `farmland change --json` prints.
 */
import { useContext, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { m2ToMu } from '../../core/area/units';
import type { FlowCategory } from '../../core/change/report';
import type * as maplibregl from 'maplibre-gl';
import { CHANGE_COLORS, type ChangeSide, onChangePieceClick, selectChangePiece as outlineChangePiece, setChangeSide, showChange, warmChangePrograms } from '../../map/change/changeMap';
import type { ChangeSource } from '../../worker/changeProtocol';
import { MapApiContext, useApp, useAppStore } from '../context';
import { ChangeExport } from './ChangeExport';
import { type ChangeJsonView, ChangeTables, fmtMu as fmt } from './ChangeTables';
import { regionNamer } from './regionNamer';
import { colon, listJoin, paren } from '../format';
import { oneLanguage } from '../words/oneLanguage';
import { FileSlot } from './FileSlot';

const CATEGORY: Record<FlowCategory, [string, string]> = {
  'lost-construction': ['耕地→建设用地', 'farmland → construction'],
  'lost-agricultural': ['耕地→园地/林地/草地等', 'farmland → orchard/forest/grass'],
  'lost-other': ['耕地→其他', 'farmland → other'],
  gained: ['新增耕地', 'farmland gained'],
  restored: ['撂荒恢复', 'abandoned land restored'],
  abandoned: ['新增撂荒', 'newly abandoned'],
  'cultivated-internal': ['耕地内部', 'within farmland'],
  other: ['其他变化', 'other change'],
};

const demoUrl = (name: string) => new URL(`data/demo/${name}`, document.baseURI).href;

async function fileSource(f: File): Promise<ChangeSource> {
  return { file: f.name, source: { bytes: await f.arrayBuffer() } };
}

export function ChangePanel() {
  const lang = useApp((s) => s.lang);
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  // A new answer (500k parcels: thousands of rows) is rendered in the background, in slices that leave the page
  // responsive (a deferred render yields every few ms, between the row components of ChangeTables). Result, progress
  // and error are deferred together, so the tab never shows a new result beside an old progress line or vice versa.
  const result = useDeferredValue(useApp((s) => s.changeResult));
  const vintages = useDeferredValue(useApp((s) => s.changeVintages));
  const busy = useDeferredValue(useApp((s) => s.changeBusy));
  const error = useDeferredValue(useApp((s) => s.changeError));
  const selectedState = useApp((s) => s.changeSelected);
  const regions = useApp((s) => s.regions);
  const regionName = useMemo(() => regionNamer(regions), [regions]);
  const { runChange: run, selectChangePiece: select, reportChange } = useAppStore().getState();
  // region filter and level, as `farmland change --region CODE --level L`; applied to the last overlay
  const [region, setRegion] = useState('');
  const [level, setLevel] = useState<'county' | 'township' | 'village'>('township');
  const runWith = async (r: Parameters<typeof run>[0]) =>
    run({
      ...r,
      region: region.trim() || undefined,
      level,
      // 高标准农田 of both vintages, when picked: its loss is flagged (严禁擅自占用), as `farmland change --hs-before/--hs-after`
      highStandard: files.hsBefore && files.hsAfter ? { before: await fileSource(files.hsBefore), after: await fileSource(files.hsAfter) } : undefined,
    });
  const selected = selectedState?.piece ?? null;
  const [side, setSide] = useState<ChangeSide>('after');
  const [files, setFiles] = useState<{ before?: File; after?: File; changes?: File; hsBefore?: File; hsAfter?: File }>({});
  // the map controller, handed in by the app (it exists before any tab can be opened)
  const mapApi = useContext(MapApiContext);
  const [map, setMap] = useState<maplibregl.Map | undefined>(undefined);
  // (read again when a result arrives, in case the tab was opened before the map was ready)
  // (only when it changed: a no-op setState can still re-run this component, i.e. re-create every row's element)
  useEffect(() => {
    const m = (mapApi.current as { map?: maplibregl.Map } | null)?.map;
    if ((result !== undefined || busy === undefined) && m !== map) setMap(m);
  }, [mapApi, result, busy, map]);
  // the change layers' shaders compile while the user picks files, not when the answer arrives
  useEffect(() => {
    if (map) warmChangePrograms(map);
  }, [map]);
  const sideRef = useRef(side);
  sideRef.current = side;

  useEffect(() => {
    if (!map || !result) return;
    // drawn once per result; the side is switched by the effect below
    showChange(map, result.pieces, vintages?.before ?? null, vintages?.after ?? null, sideRef.current);
  }, [map, result, vintages]);
  useEffect(() => {
    if (map && result) setChangeSide(map, side);
  }, [map, result, side]);
  useEffect(() => (map ? onChangePieceClick(map, (piece) => void select(piece)) : undefined), [map, select]);
  const compareRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (map && result) outlineChangePiece(map, selected);
  }, [map, result, selected]);

  const json = result?.json as ChangeJsonView | undefined;

  const piece = selected === null ? undefined : result?.pieces.find((p) => p.piece === selected);
  const shown = selectedState && selectedState.beforeProps !== undefined ? { piece: selectedState.piece, beforeProps: selectedState.beforeProps ?? null, afterProps: selectedState.afterProps ?? null } : undefined;
  useEffect(() => {
    if (shown) compareRef.current?.scrollIntoView({ block: 'nearest' });
  }, [shown]);
  const compareKeys = shown ? [...new Set([...Object.keys(shown.beforeProps ?? {}), ...Object.keys(shown.afterProps ?? {})])] : [];
  const cellText = (v: unknown) => (v === undefined || v === null ? '—' : String(v));

  return (
    <section className="panel change-panel" aria-labelledby="change-h" data-testid="change-panel">
      <h2 id="change-h">{L('年度变化（两期对比）', 'Year-on-year change')}</h2>
      <p className="hint">{L('叠加两期地类图斑（椭球面积，地类面积扣除田坎），或读取一个变更图层（BGQ*/BGH* 字段）。', 'Overlay two survey vintages (ellipsoidal, net of field ridges), or read one change layer (BGQ*/BGH* fields).')}</p>
      <div className="change-inputs" style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 6 }}>
        <button
          type="button"
          data-testid="change-demo"
          disabled={busy !== undefined}
          onClick={() =>
            runWith({ before: { file: 'change-2023.geojson', source: { url: demoUrl('change-2023.geojson') } }, after: { file: 'change-2024.geojson', source: { url: demoUrl('change-2024.geojson') } } })
          }
        >
          {L('演示：安丰镇 2023 → 2024', 'Demo: 安丰镇 2023 → 2024')}
        </button>
        <FileSlot label={L('前期', 'Before')} testId="change-before-file" file={files.before} lang={lang} onFile={(f) => setFiles((x) => ({ ...x, before: f }))} />
        <FileSlot label={L('后期', 'After')} testId="change-after-file" file={files.after} lang={lang} onFile={(f) => setFiles((x) => ({ ...x, after: f }))} />
        <button type="button" disabled={!files.before || !files.after || busy !== undefined} data-testid="change-run" onClick={async () => runWith({ before: await fileSource(files.before as File), after: await fileSource(files.after as File) })}>
          {L('叠加两期', 'Overlay')}
        </button>
        <FileSlot label={L('高标准农田（前期）', 'High-standard farmland (before)')} testId="change-hs-before-file" file={files.hsBefore} lang={lang} onFile={(f) => setFiles((x) => ({ ...x, hsBefore: f }))} />
        <FileSlot label={L('高标准农田（后期）', 'High-standard farmland (after)')} testId="change-hs-after-file" file={files.hsAfter} lang={lang} onFile={(f) => setFiles((x) => ({ ...x, hsAfter: f }))} />
        <FileSlot label={L('或变更图层', 'or change layer')} testId="change-layer-file" file={files.changes} lang={lang} onFile={(f) => setFiles((x) => ({ ...x, changes: f }))} />
        <button type="button" data-testid="change-layer-run" disabled={!files.changes || busy !== undefined} onClick={async () => runWith({ changes: await fileSource(files.changes as File) })}>
          {L('读取变更图层', 'Read change layer')}
        </button>
      </div>
      {result && (
        <form
          className="change-filter"
          data-testid="change-filter"
          style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}
          onSubmit={(e) => {
            e.preventDefault();
            void reportChange({ region: region.trim(), level });
          }}
        >
          <label>
            {L('区域代码', 'Region code')}{' '}
            <input data-testid="change-region" value={region} inputMode="numeric" pattern="[0-9]*" placeholder={L('全部', 'all')} onChange={(e) => setRegion(e.target.value)} size={14} />
          </label>
          <label>
            {L('汇总级别', 'Level')}{' '}
            <select data-testid="change-level" value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
              <option value="county">{L('县', 'county')}</option>
              <option value="township">{L('乡镇', 'township')}</option>
              <option value="village">{L('村', 'village')}</option>
            </select>
          </label>
          <button type="submit" data-testid="change-apply" disabled={busy !== undefined}>
            {L('应用', 'Apply')}
          </button>
        </form>
      )}
      {result && <ChangeExport />}
      {busy && (
        <div role="status" data-testid="change-progress">
          {L('计算中', 'Working')} {busy.phase} {busy.total ? `${busy.done ?? 0}/${busy.total}` : ''}
          {busy.total ? <progress max={busy.total} value={busy.done ?? 0} /> : null}
        </div>
      )}
      {error && <div role="alert">{error}</div>}
      {result && result.findings.length > 0 && (
        <details>
          <summary>{L(`${result.findings.length} 条提示`, `${result.findings.length} findings`)}</summary>
          <ul>{[...new Set(result.findings.slice(0, 50).map((f) => f.message))].map((m) => <li key={m}>{m}</li>)}</ul>
        </details>
      )}
      {json && (
        <>
          <dl className="change-summary" data-testid="change-summary">
            <dt>{L('耕地流入 / 流出 / 净变化（亩）', 'Farmland in / out / net (mu)')}</dt>
            <dd data-testid="change-cultivated" data-inflow-m2={json.cultivated.inflow_m2} data-outflow-m2={json.cultivated.outflow_m2} data-net-m2={json.cultivated.net_m2}>
              {fmt(m2ToMu(json.cultivated.inflow_m2))} / {fmt(m2ToMu(json.cultivated.outflow_m2))} / {fmt(m2ToMu(json.cultivated.net_m2))}
            </dd>
            <dt>{L('进出平衡', 'In–out balance')}</dt>
            <dd data-testid="change-balance">
              {L('出', 'out')} {fmt(m2ToMu(json.balance.total.out.area_m2))}
              {paren(`${L('平均等级', 'mean grade')} ${json.balance.total.out.gddj?.toFixed(2) ?? '—'}`, lang)} {L('进', 'in')} {fmt(m2ToMu(json.balance.total.in.area_m2))}
              {paren(`${L('平均等级', 'mean grade')} ${json.balance.total.in.gddj?.toFixed(2) ?? '—'}`, lang)} — {oneLanguage(json.balance.total.text, lang).text}
            </dd>
            <dt>{L('以补定占：稳定利用耕地净增加（亩）', 'Stable farmland net increase (mu)')}</dt>
            <dd>{fmt(m2ToMu(json.stable.total.net_m2))}</dd>
            {json.high_standard_loss && (
              <>
                <dt>{L('高标准农田减少（严禁擅自占用）', 'High-standard farmland lost')}</dt>
                <dd data-testid="change-hs-loss" data-flag={String(json.high_standard_loss.flag)} data-m2={json.high_standard_loss.area_m2}>
                  {json.high_standard_loss.flag
                    ? `${fmt(m2ToMu(json.high_standard_loss.area_m2))} ${L('亩', 'mu')}${L('，', ', ')}${json.high_standard_loss.parcels.length} ${L('个项目图斑', 'parcels')}${paren(
                        listJoin(
                          json.high_standard_loss.parcels.slice(0, 5).map((p) => p.id),
                          lang,
                        ),
                        lang,
                      )}`
                    : L('未减少', 'none')}
                </dd>
              </>
            )}
            <dt>{L('撂荒恢复 / 新增撂荒（亩）', 'Abandoned restored / new (mu)')}</dt>
            <dd>
              {fmt(m2ToMu(json.abandoned.total.recovered_m2))} / {fmt(m2ToMu(json.abandoned.total.abandoned_m2))}
            </dd>
            <dt>{L('碎片（已计入）', 'Slivers (counted)')}</dt>
            <dd>
              {json.slivers.count} {L('块', 'pieces')} &lt; {json.slivers.tolerance_m2} m²
            </dd>
          </dl>
          <fieldset className="change-side">
            <legend>{L('底图', 'Parcels shown')}</legend>
            {(['before', 'after'] as const).map((s) => (
              <button key={s} type="button" aria-pressed={side === s} data-testid={`change-side-${s}`} onClick={() => setSide(s)}>
                {s === 'before' ? L('前期', 'Before') : L('后期', 'After')}
              </button>
            ))}
          </fieldset>
          <ul className="change-legend">
            {(Object.keys(CATEGORY) as FlowCategory[]).filter((c) => result?.pieces.some((p) => p.category === c)).map((c) => (
              <li key={c}>
                <span className="swatch" style={{ background: CHANGE_COLORS[c], display: 'inline-block', width: 12, height: 12, marginRight: 4 }} />
                {CATEGORY[c][lang === 'zh' ? 0 : 1]}
                {paren(String(result?.pieces.filter((p) => p.category === c).length), lang)}
              </li>
            ))}
          </ul>
          {shown && (
            <div className="change-compare" data-testid="change-compare" ref={compareRef}>
              <h3>
                {L('变化图斑', 'Change piece')} #{shown.piece}
                {piece && `${colon(lang)}${piece.from} → ${piece.to}${L('，', ', ')}${fmt(m2ToMu(piece.areaM2))} ${L('亩', 'mu')}`}
              </h3>
              <table>
                <thead>
                  <tr>
                    <th>{L('字段', 'Field')}</th>
                    <th>{L('前期', 'Before')} {piece?.beforeId ?? ''}</th>
                    <th>{L('后期', 'After')} {piece?.afterId ?? ''}</th>
                  </tr>
                </thead>
                <tbody>
                  {compareKeys.map((k) => {
                    const b = shown?.beforeProps?.[k];
                    const a = shown?.afterProps?.[k];
                    return (
                      <tr key={k} className={String(b) !== String(a) ? 'changed' : ''} style={String(b) !== String(a) ? { fontWeight: 600 } : undefined}>
                        <td>{k}</td>
                        <td>{cellText(b)}</td>
                        <td>{cellText(a)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <ChangeTables json={json} lang={lang} onSelect={select} regionName={regionName} />
          {result && result.changedTotal > result.pieces.length && (
            <p className="hint">
              {L(`地图显示前 ${result.pieces.length} 块变化图斑（共 ${result.changedTotal} 块）`, `The map shows ${result.pieces.length} of ${result.changedTotal} changed pieces`)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
