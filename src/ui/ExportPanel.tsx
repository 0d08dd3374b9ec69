/** Export: layers as GeoJSON, the map as PNG, and the printable report page. */
import { useContext, useState } from 'react';
import { MapApiContext, useApp, useAppStore, useT } from './context';
import { downloadBlob, saveMade } from './download';
import { oneLanguage } from './words/oneLanguage';
import { layerDisplayName } from './layerName';
import { MapSheetSection } from './sheet/MapSheetSection';

export function ExportPanel() {
  const t = useT();
  const layers = useApp((s) => s.layers);
  const lang = useApp((s) => s.lang);
  const store = useAppStore();
  const mapApi = useContext(MapApiContext);
  // a refused export says why (server mode: the parcels' GeoJSON is written one county at a time)
  const [failed, setFailed] = useState<string>();
  return (
    <section className="panel" aria-labelledby="export-h">
      <h2 id="export-h">{t('exportTab')}</h2>
      <div className="btn-col">
        <button
          type="button"
          className="btn"
          data-testid="export-png"
          onClick={async () => {
            const png = await mapApi.current?.toPng();
            if (png) downloadBlob(png, 'farmland-map.png');
          }}
        >
          {t('exportPng')}
        </button>
        <button type="button" className="btn" data-testid="export-report" onClick={() => store.getState().setReportOpen(true)}>
          {t('exportReport')}
        </button>
      </div>
      <MapSheetSection />
      <h3>{t('exportSummary')}</h3>
      <div className="btn-row">
        {(['csv', 'xlsx', 'json', 'geojson'] as const).map((f) => (
          <button
            key={f}
            type="button"
            className="btn btn-ghost"
            data-testid={`export-${f}`}
            onClick={() => {
              setFailed(undefined);
              void saveMade(() => store.getState().exportSummary(f), setFailed);
            }}
          >
            {f === 'geojson' ? 'GeoJSON' : f.toUpperCase()}
          </button>
        ))}
      </div>
      {failed && (
        <p role="alert" data-testid="export-failed">
          {oneLanguage(failed, lang).text}
        </p>
      )}
      <p className="method-note">{t('exportNote')}</p>
      <h3>{t('exportLayerGeojson')}</h3>
      <ul className="plain-list">
        {layers.map((l) => (
          <li key={l.info.id}>
            <button
              type="button"
              className="link-btn"
              data-testid={`export-layer-${l.info.id}`}
              onClick={() => {
                setFailed(undefined);
                void saveMade(async () => ({ ...(await store.getState().exportLayer(l.info.id)), mime: 'application/geo+json' }), setFailed);
              }}
            >
              {layerDisplayName(l.info.name, l.info.kind, lang)} · {l.info.file}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
