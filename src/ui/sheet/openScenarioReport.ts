/**
 * Open the scenario report in a new window (scenarioReport.ts), for any saved scenario — not only the drawing now on
 * the map — in the UI's language. The text comes at once; then the engine computes the parcels the scenario's site
 * touches, the map shows that site (outlined over the layers, touched parcels filled, whatever is drawn now hidden:
 * map/reportSite.ts) for a map sheet with legend, scale bar and north arrow, and the page is written again with both.
 * The map's view and drawing are put back afterwards.
 */
import type { AppStore } from '../../state/store';
import type { Scenario } from '../../state/scenarios/types';
import type { DrawSession } from '../../state/draw/drawSession';
import type { FullImpact } from '../../worker/impactProtocol';
import type { MapApi } from '../context';
import { legendEntries } from '../legend/entries';
import { TOUCHED_COLOR } from '../../map/reportSite';
import { composeSheet } from './composeSheet';
import { reportWords } from './reportWords';
import { centreOf, type ScenarioReportInput, scenarioReportHtml } from './scenarioReport';
import { localStamp } from './sheetLayout';

declare const __APP_VERSION__: string;

export function openScenarioReport(x: Scenario, session: DrawSession, mapApi: MapApi | null, store: AppStore): void {
  const w = window.open('', '_blank');
  if (!w) return;
  const st = store.getState();
  const lang = st.lang;
  const words = reportWords(lang);
  const code = x.figures?.duty.regionCode ?? st.region?.code;
  const named = code ? st.regions.find((r) => r.code === code)?.name : undefined;
  const regionName = code ? (named && named !== code ? (lang === 'zh' ? `${named}（${code}）` : `${named} (${code})`) : code) : undefined;
  const base: ScenarioReportInput = { scenario: x, now: new Date(), version: __APP_VERSION__, dataName: st.manifest?.name, regionName, lang };
  const write = (input: ScenarioReportInput) => {
    if (w.closed) return;
    w.document.open();
    w.document.write(scenarioReportHtml(input));
    w.document.close();
  };
  if (x.site.length === 0) {
    write(base);
    return;
  }
  write({ ...base, pending: true });
  void (async () => {
    let full: FullImpact | undefined;
    try {
      full = await session.getState().impactOf(x.site.map((f) => f.geometry));
    } catch (err) {
      console.warn('report parcels failed', err);
    }
    const withParcels: ScenarioReportInput = { ...base, touched: full?.touched ?? [], touchedTotal: full?.touchedTotal };
    if (!mapApi) {
      write({ ...withParcels, mapFailed: true });
      return;
    }
    try {
      const src = await mapApi.siteSheetSource(
        { site: x.site.map((f) => f.geometry), supplements: x.supplements.map((f) => f.geometry), touched: full?.highlight ?? [] },
        centreOf([...x.site, ...x.supplements].map((f) => f.geometry)),
      );
      const s2 = store.getState();
      const legend = legendEntries({ layers: s2.layers, style: s2.settings.cultivatedStyle, lang, drawn: { site: x.site.length, supplements: x.supplements.length } });
      // the touched parcels' fill (map/reportSite.ts) with the drawn shapes
      if (full?.highlight.length) legend[legend.length - 1]?.entries.push({ key: 'touched', label: words.touchedLegend, color: TOUCHED_COLOR, shape: 'fill', opacity: 0.55 });
      const canvas = composeSheet(
        src,
        legend,
        {
          title: words.sheetTitle(x.name),
          subtitle: `${regionName ?? ''}${regionName ? (lang === 'zh' ? '　·　' : ' · ') : ''}${localStamp(new Date(), lang)}`,
          legendTitle: words.legend,
          northLabel: words.north,
          notes: [
            [words.data, st.manifest?.name ?? '—'],
            [words.software, `Farmland Atlas ${__APP_VERSION__}`],
          ],
        },
        'A4',
        'landscape',
      );
      write({ ...withParcels, mapDataUrl: canvas.toDataURL('image/png') });
    } catch (err) {
      console.warn('report map failed', err);
      write({ ...withParcels, mapFailed: true });
    }
  })();
}
