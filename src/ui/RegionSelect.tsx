/** Region filter (county / township / village): the engine recomputes every figure for the chosen region. */
import { useMemo } from 'react';
import type { Region } from '../core/types';
import { useApp, useAppStore, useT } from './context';

export function RegionSelect() {
  const t = useT();
  const regions = useApp((s) => s.regions);
  const region = useApp((s) => s.region);
  const { setRegion } = useAppStore().getState();
  const value = region ? `${region.level}:${region.code}` : '';
  // the options change with the data and the language only: not rebuilt (160 of them in the demo county) when the
  // selection changes, which is the render that matters here
  const options = useMemo(
    () =>
      regions.map((r) => (
        <option key={`${r.level}:${r.code}`} value={`${r.level}:${r.code}`}>
          {INDENT[r.level]}
          {t(r.level)} · {r.name}
          {r.name !== r.code ? ` (${r.code})` : ''}
        </option>
      )),
    [regions, t],
  );
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
        {options}
      </select>
    </label>
  );
}

const INDENT = { county: '', township: '\u3000', village: '\u3000\u3000' } as const;
