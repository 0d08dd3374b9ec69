/** Region filter (county / township / village): the engine recomputes every figure for the chosen region. */
import type { Region } from '../core/types';
import { useApp, useAppStore, useT } from './context';

export function RegionSelect() {
  const t = useT();
  const regions = useApp((s) => s.regions);
  const region = useApp((s) => s.region);
  const { setRegion } = useAppStore().getState();
  const value = region ? `${region.level}:${region.code}` : '';
  const indent = { county: '', township: '\u3000', village: '\u3000\u3000' } as const;
  return (
    <label className="region-select">
      <span>{t('region')}</span>
      <select
        value={value}
        data-testid="region-select"
        onChange={(e) => {
          const v = e.target.value;
          if (!v) return setRegion(undefined);
          const [level, code] = v.split(':') as [Region['level'], string];
          setRegion({ level, code });
        }}
      >
        <option value="">{t('allRegions')}</option>
        {regions.map((r) => (
          <option key={`${r.level}:${r.code}`} value={`${r.level}:${r.code}`}>
            {indent[r.level]}
            {t(r.level)} · {r.name}
            {r.name !== r.code ? ` (${r.code})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
