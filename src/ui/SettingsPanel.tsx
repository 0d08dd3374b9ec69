/** Settings (remembered in localStorage): basemap (offline default, 天地图 with the user's key, XYZ), area method. */
import type { BasemapChoice } from '../state/store';
import { useApp, useAppStore, useT } from './context';
import { methodLabel } from './format';

export function SettingsPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const settings = useApp((s) => s.settings);
  const { setSettings } = useAppStore().getState();
  return (
    <section className="panel" aria-labelledby="settings-h">
      <h2 id="settings-h">{t('settings')}</h2>
      <fieldset>
        <legend>{t('basemap')}</legend>
        {(['offline', 'tianditu', 'xyz'] as BasemapChoice[]).map((b) => (
          <label key={b} className="radio">
            <input type="radio" name="basemap" checked={settings.basemap === b} onChange={() => setSettings({ basemap: b })} />
            {t(b === 'offline' ? 'basemapOffline' : b === 'tianditu' ? 'basemapTianditu' : 'basemapXyz')}
          </label>
        ))}
        {settings.basemap === 'tianditu' && (
          <label className="field">
            <span>{t('tiandituKey')}</span>
            <input type="text" value={settings.tiandituKey} spellCheck={false} onChange={(e) => setSettings({ tiandituKey: e.target.value })} />
          </label>
        )}
        {settings.basemap === 'xyz' && (
          <label className="field">
            <span>{t('xyzUrl')}</span>
            <input type="url" placeholder="https://…/{z}/{x}/{y}.png" value={settings.xyzUrl} spellCheck={false} onChange={(e) => setSettings({ xyzUrl: e.target.value })} />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('areaMethod')}</legend>
        {(['ellipsoidal', 'spherical'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="method" checked={settings.areaMethod === m} onChange={() => setSettings({ areaMethod: m })} data-testid={`method-${m}`} />
            {methodLabel(m, lang)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{lang === 'zh' ? '耕地面积口径（卡片与目标）' : 'Area basis of the cultivated-land cards and targets'}</legend>
        {(['net', 'polygon'] as const).map((b) => (
          <label key={b} className="radio">
            <input type="radio" name="basis" checked={(settings.areaBasis ?? 'net') === b} onChange={() => setSettings({ areaBasis: b })} data-testid={`basis-${b}`} />
            {b === 'net' ? (lang === 'zh' ? '地类面积（扣除田坎，与台账一致）' : 'net land-class area (field ridges deducted, as in the ledger)') : lang === 'zh' ? '图斑面积（椭球面积）' : 'polygon area (ellipsoidal)'}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
