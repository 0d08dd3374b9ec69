/**
 * 制图 (issue 18 §1): the current view as a map sheet — PNG or PDF, A4 or A3, landscape or portrait — with title,
 * legend, scale bar, north arrow, place names, region, data sources, area method, local date and app version.
 */
import { useContext, useState } from 'react';
import { layerKindInfo } from '../../core/layers/kinds';
import { MapApiContext, useApp, useAppStore } from '../context';
import { downloadBlob } from '../download';
import { clauseJoin, colon, methodLabel, paren } from '../format';
import { legendEntries } from '../legend/entries';
import { composeSheet, type SheetText } from './composeSheet';
import { localStamp, type Orientation, type Paper } from './sheetLayout';

declare const __APP_VERSION__: string;

export function MapSheetSection() {
  const lang = useApp((s) => s.lang);
  const mapApi = useContext(MapApiContext);
  const [paper, setPaper] = useState<Paper>('A4');
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const zh = lang === 'zh';
  const store = useAppStore();
  const region = useApp((s) => s.region);
  const regions = useApp((s) => s.regions);
  const dataName = useApp((s) => s.manifest?.name);
  const regionName = region ? (regions.find((r) => r.code === region.code)?.name ?? region.code) : zh ? '全部' : 'All';
  const defaultTitle = `${dataName ?? (zh ? '耕地保护' : 'Farmland')} · ${regionName} · ${zh ? '耕地保护图' : 'farmland protection map'}`;

  const make = async (kind: 'png' | 'pdf') => {
    const api = mapApi.current;
    if (!api) return;
    setBusy(kind);
    setError(undefined);
    const state = store.getState();
    try {
      const src = await api.sheetSource();
      const drawn = state.drawSession ? { site: state.drawSession.getState().site.length, supplements: state.drawSession.getState().supplements.length } : undefined;
      const legend = legendEntries({ layers: state.layers, style: state.settings.cultivatedStyle, lang, drawn });
      const visible = state.layers.filter((l) => l.visible);
      const text: SheetText = {
        title: title || defaultTitle,
        subtitle: zh ? `行政区：${regionName}　·　${paper} ${orientation === 'landscape' ? '横向' : '纵向'}` : `Region: ${regionName} · ${paper} ${orientation}`,
        legendTitle: zh ? '图例' : 'Legend',
        northLabel: zh ? '北' : 'N',
        notes: [
          [zh ? '行政区' : 'Region', state.region ? `${regionName}${paren(state.region.code, lang)}` : regionName],
          [zh ? '数据来源与年份' : 'Data sources and vintage', `${state.manifest?.name ?? ''}${colon(lang)}${clauseJoin(visible.map((l) => `${layerKindInfo(l.info.kind)[lang]} ${l.info.file}`), lang)}`],
          [zh ? '面积方法' : 'Area method', methodLabel(state.settings.areaMethod, lang)],
          [zh ? '制图时间' : 'Made', localStamp(new Date(), lang)],
          [zh ? '软件版本' : 'Software', `Farmland Atlas ${__APP_VERSION__}`],
        ],
      };
      const canvas = composeSheet(src, legend, text, paper, orientation);
      const name = `farmland-sheet-${paper}-${orientation}`;
      if (kind === 'png') {
        const blob = await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('canvas is empty'))), 'image/png'));
        downloadBlob(blob, `${name}.png`);
      } else {
        const { sheetPdf } = await import('./pdf');
        downloadBlob(await sheetPdf(canvas, paper, orientation, text.title), `${name}.pdf`);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="sheet-section" data-testid="map-sheet">
      <h3>{zh ? '制图（地图成果）' : 'Map sheet'}</h3>
      <label className="field">
        <span>{zh ? '标题' : 'Title'}</span>
        <input value={title} placeholder={defaultTitle} onChange={(e) => setTitle(e.target.value)} data-testid="sheet-title" />
      </label>
      <div className="btn-row">
        <label className="field inline">
          <span>{zh ? '纸张' : 'Paper'}</span>
          <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)} data-testid="sheet-paper">
            <option value="A4">A4</option>
            <option value="A3">A3</option>
          </select>
        </label>
        <label className="field inline">
          <span>{zh ? '方向' : 'Orientation'}</span>
          <select value={orientation} onChange={(e) => setOrientation(e.target.value as Orientation)} data-testid="sheet-orientation">
            <option value="landscape">{zh ? '横向' : 'Landscape'}</option>
            <option value="portrait">{zh ? '纵向' : 'Portrait'}</option>
          </select>
        </label>
      </div>
      <div className="btn-row">
        <button type="button" className="btn" disabled={busy !== undefined} onClick={() => void make('png')} data-testid="sheet-png">
          {busy === 'png' ? '…' : zh ? '导出制图 PNG' : 'Map sheet PNG'}
        </button>
        <button type="button" className="btn" disabled={busy !== undefined} onClick={() => void make('pdf')} data-testid="sheet-pdf">
          {busy === 'pdf' ? '…' : zh ? '导出制图 PDF' : 'Map sheet PDF'}
        </button>
      </div>
      {error && (
        <p className="warn" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
