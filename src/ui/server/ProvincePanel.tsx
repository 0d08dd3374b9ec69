/**
 * Server mode: the province's regions against their targets (the engine's target lines from the server's
 * /api/summary), drilling down province → city → county → township by code. Choosing a county or township sets
 * the region filter: the map fits it and every panel shows its figures.
 */
import { useEffect, useState } from 'react';
import type { Summary } from '../../core/analysis/summary';
import type { Region } from '../../core/types';
import { useApp, useAppStore } from '../context';
import { num } from '../format';

const levelOf = (code: string): Region['level'] | undefined => (code.length === 6 ? 'county' : code.length === 9 ? 'township' : code.length === 12 ? 'village' : undefined);

/** A row of the panel: a region's target lines, or — for a township without a target — its achieved areas alone. */
interface Row {
  code: string;
  name: string;
  lines: { metric: string; achievedMu: number | null; targetMu: number | null; ratio?: number | null; status?: string }[];
}

/** The county's townships from the summary's breakdowns: 耕地 and 永久基本农田 on the summary's basis, no target. */
function townshipRows(summary: Summary): Row[] {
  const rows = new Map<string, Row>();
  for (const [kind, metric] of [['cultivated', 'cultivated'], ['permanent-basic', 'permanent-basic']] as const)
    for (const b of summary.layers.find((l) => l.kind === kind)?.byTownship ?? []) {
      if (b.features === 0 || !/^\d{9}$/.test(b.key)) continue;
      const row = rows.get(b.key) ?? { code: b.key, name: b.label, lines: [] };
      rows.set(b.key, row);
      row.lines.push({ metric, achievedMu: summary.basis === 'net' ? b.netMu : b.areaMu, targetMu: null });
    }
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** What the panel needs of the server: the engine's summary of a region code prefix (app/serverMode.ts serverApi). */
export interface SummarySource {
  summary(region?: string): Promise<Summary>;
}

export function ProvincePanel({ server }: { server: SummarySource }) {
  const lang = useApp((s) => s.lang);
  const zh = lang === 'zh';
  const store = useAppStore();
  const [focus, setFocus] = useState<string | undefined>(undefined);
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    server.summary(focus).then((s) => live && setSummary(s), (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [server, focus]);
  const open = (code: string | undefined) => {
    setFocus(code);
    const level = code ? levelOf(code) : undefined;
    store.getState().setRegion(code && level ? { level, code } : undefined);
  };
  // a county whose townships have no targets in the table still lists them (achieved only), so they drill down too
  const children = summary && focus?.length === 6 && summary.targets.children.length === 0 ? townshipRows(summary) : (summary?.targets.children ?? []);
  const rows: Row[] = summary ? [...(focus ? [summary.targets.selected] : []), ...children] : [];
  return (
    <section className="province-panel" data-testid="province-panel" aria-label={zh ? '省级' : 'province'}>
      <h2>
        <button type="button" className="link" onClick={() => open(undefined)} data-testid="province-top">
          {zh ? '全省 · 各地任务完成' : 'Province: regions against targets'}
        </button>
        {focus && <span className="muted"> › {summary?.targets.selected.name || focus}</span>}
      </h2>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>{zh ? '区域' : 'Region'}</th>
            <th>{zh ? '耕地 实现/任务(亩)' : 'Cultivated achieved/target (mu)'}</th>
            <th>{zh ? '永久基本农田' : 'Permanent basic'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-code={r.code}>
              <td>
                {r.code === focus ? (
                  r.name || r.code
                ) : (
                  <button type="button" className="link" onClick={() => open(r.code)} data-testid={`province-open-${r.code}`}>
                    {r.name || r.code}
                  </button>
                )}
              </td>
              {(['cultivated', 'permanent-basic'] as const).map((m) => {
                const line = r.lines.find((l) => l.metric === m);
                return (
                  <td key={m} data-metric={m} data-achieved={line?.achievedMu ?? ''} data-target={line?.targetMu ?? ''} className={line?.status}>
                    {line ? `${line.achievedMu === null ? '—' : num(line.achievedMu, lang)} / ${line.targetMu === null ? '—' : num(line.targetMu, lang)}` : '—'}
                    {line?.ratio != null && <small> {(line.ratio * 100).toFixed(1)}%</small>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
