/**
 * "Display mode" for a wall screen (issue 18 §3): the map and the statistics cards only — no tabs, tables or forms.
 * A class on <html> switches it (layout.css); `?display=1` in the address opens in it. Esc leaves it.
 */
import { useEffect, useState } from 'react';
import { useApp, useAppStore } from '../context';

export function DisplayModeButton() {
  const lang = useApp((s) => s.lang);
  const store = useAppStore();
  const [on, setOn] = useState(() => new URLSearchParams(window.location.search).get('display') === '1');
  useEffect(() => {
    document.documentElement.classList.toggle('display-mode', on);
    if (on) store.getState().setTab('stats');
    // the map's canvas follows its container's new size
    window.dispatchEvent(new Event('resize'));
    if (!on) return;
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOn(false);
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [on, store]);
  const label = lang === 'zh' ? (on ? '退出展示模式' : '展示模式') : on ? 'Leave display mode' : 'Display mode';
  return (
    <button type="button" className="display-toggle" aria-pressed={on} onClick={() => setOn(!on)} data-testid="display-mode" title={lang === 'zh' ? '大屏展示：只显示地图和指标卡（Esc 退出）' : 'Wall screen: the map and the cards only (Esc leaves)'}>
      {label}
    </button>
  );
}
