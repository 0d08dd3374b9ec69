/** The printable report: map image, totals, and metadata (data files, area method, app version, time, URL). */
import { useContext, useEffect, useRef, useState } from 'react';
import { layerKindInfo } from '../core/layers/kinds';
import { MapApiContext, useAppFields, useAppStore, useT } from './context';
import { areaAuto, colon, methodLabel, mu, num, paren } from './format';
import { layerDisplayName } from './layerName';
import { useEscape } from './useEscape';

declare const __APP_VERSION__: string;

export function ReportPage() {
  const t = useT();
  const { lang, reportOpen: open, stats, statsFor, layers, manifest, regions } = useAppFields('lang', 'reportOpen', 'stats', 'statsFor', 'layers', 'manifest', 'regions');
  const store = useAppStore();
  const mapApi = useContext(MapApiContext);
  const [img, setImg] = useState<string>();
  const [time] = useState(() => new Date());
  const back = useRef<HTMLButtonElement>(null);
  // Escape goes back to the map, as it leaves the display mode; focus starts on 返回 (it stayed on the hidden tab)
  useEscape(open, () => store.getState().setReportOpen(false));
  useEffect(() => {
    if (open) back.current?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    let url: string | undefined;
    void mapApi.current?.toPng().then((b) => {
      url = URL.createObjectURL(b);
      setImg(url);
    });
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [open, mapApi]);
  if (!open) return null;
  const region = statsFor?.region;
  const regionName = region ? (regions.find((r) => r.code === region.code && r.level === region.level)?.name ?? region.code) : t('allRegions');
  const method = statsFor?.method ?? 'ellipsoidal';
  return (
    <div className="report-page" data-testid="report-page">
      <div className="report-actions no-print">
        <button type="button" className="btn" onClick={() => window.print()}>
          {t('print')}
        </button>
        <button ref={back} type="button" className="btn btn-ghost" data-testid="report-back" onClick={() => store.getState().setReportOpen(false)}>
          {t('back')}
        </button>
      </div>
      <h1>
        {t('reportTitle')} · {manifest?.name ?? ''}
      </h1>
      <p>
        {t('region')}
        {colon(lang)}
        {regionName} · {t('areaMethod')}
        {colon(lang)}
        {methodLabel(method, lang)}
      </p>
      {img ? <img className="report-map" src={img} alt={t('mapImage')} /> : <p className="muted">{t('loading')}</p>}
      <table className="data-table">
        <caption>{t('totals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('layer')}</th>
            <th scope="col" className="num">
              {t('count')}
            </th>
            <th scope="col" className="num">
              {t('area')}
              {paren(lang === 'zh' ? '亩' : 'mu', lang)}
            </th>
            <th scope="col" className="num">
              {t('area')}
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => {
            const l = layers.find((x) => x.info.id === s.layerId);
            return (
              <tr key={s.layerId}>
                <th scope="row">{l ? layerDisplayName(l.info.name, l.info.kind, lang) : layerKindInfo(s.kind)[lang]}</th>
                <td className="num">{num(s.count, lang)}</td>
                <td className="num">{num(mu(s.areaM2), lang, 2)}</td>
                <td className="num">{areaAuto(s.areaM2, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="kv report-meta">
        <dt>{t('dataSource')}</dt>
        <dd>{layers.map((l) => l.info.file).join(lang === 'zh' ? '，' : ', ')}</dd>
        <dt>{t('areaMethod')}</dt>
        <dd>{methodLabel(method, lang)}</dd>
        <dt>{t('appVersion')}</dt>
        <dd>Farmland Atlas {__APP_VERSION__}</dd>
        <dt>{t('generated')}</dt>
        <dd>{time.toISOString()}</dd>
        <dt>{t('link')}</dt>
        <dd className="break">{window.location.href}</dd>
      </dl>
    </div>
  );
}
