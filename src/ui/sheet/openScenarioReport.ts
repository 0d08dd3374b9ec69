/**
 * Open the scenario report in a new window (scenarioReport.ts). The text comes at once; when the scenario is the
 * drawing now on the map, the map is fitted to its site and a map sheet of it (site outlined over the layers, with
 * legend, scale bar and north arrow) and its touched parcels are added.
 */
import type { AppStore } from '../../state/store';
import type { Scenario } from '../../state/scenarios/types';
import type { DrawSession } from '../../state/draw/drawSession';
import type { MapApi } from '../context';
import { legendEntries } from '../legend/entries';
import { composeSheet } from './composeSheet';
import { centreOf, type ScenarioReportInput, scenarioReportHtml } from './scenarioReport';
import { localStamp } from './sheetLayout';

declare const __APP_VERSION__: string;

export function openScenarioReport(x: Scenario, session: DrawSession, mapApi: MapApi | null, store: AppStore): void {
  const w = window.open('', '_blank');
  if (!w) return;
  const st = store.getState();
  const code = x.figures?.duty.regionCode ?? st.region?.code;
  const named = code ? st.regions.find((r) => r.code === code)?.name : undefined;
  const regionName = code ? (named && named !== code ? `${named}（${code}）` : code) : undefined;
  const d = session.getState();
  const current = d.scenarioId === x.id ? d.full : undefined;
  const base: ScenarioReportInput = { scenario: x, now: new Date(), version: __APP_VERSION__, dataName: st.manifest?.name, regionName, touched: current?.touched, touchedTotal: current?.touchedTotal };
  const write = (input: ScenarioReportInput) => {
    w.document.open();
    w.document.write(scenarioReportHtml(input));
    w.document.close();
  };
  write(base);
  if (!current || !mapApi || x.site.length === 0) return;
  void (async () => {
    try {
      const c = centreOf(x.site.map((f) => f.geometry));
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const f of [...x.site, ...x.supplements])
        for (const p of f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
          for (const [lon, lat] of p[0]) {
            x0 = Math.min(x0, lon);
            y0 = Math.min(y0, lat);
            x1 = Math.max(x1, lon);
            y1 = Math.max(y1, lat);
          }
      if (c && Number.isFinite(x0)) store.getState().fitTo([x0, y0, x1, y1]);
      const src = await mapApi.sheetSource(c);
      const s2 = store.getState();
      const legend = legendEntries({ layers: s2.layers, style: s2.settings.cultivatedStyle, lang: 'zh', drawn: { site: x.site.length, supplements: x.supplements.length } });
      const canvas = composeSheet(
        src,
        legend,
        {
          title: `${x.name || '项目'} · 用地位置图`,
          subtitle: `${regionName ?? ''}　·　${localStamp(new Date(), 'zh')}`,
          legendTitle: '图例',
          northLabel: '北',
          notes: [
            ['数据', st.manifest?.name ?? '—'],
            ['软件', `Farmland Atlas ${__APP_VERSION__}`],
          ],
        },
        'A4',
        'landscape',
      );
      if (!w.closed) write({ ...base, mapDataUrl: canvas.toDataURL('image/png') });
    } catch (err) {
      console.warn('report map failed', err);
    }
  })();
}
