/**
 * The 变化 tab's tables (issue #17): the 一级 heat table, the 二级 transitions, 耕地 flows by region and the 非农化
 * list. Each row is its own small component and the tables are memoised: the panel renders a new result as a
 * deferred (background) render, which React can only split between components — so a 500k-parcel answer is drawn
 * in slices of a few ms instead of one task of hundreds of ms, and a click or a before/after toggle re-renders none
 * of the rows.
 */
import { memo } from 'react';
import { formatNumber, m2ToMu } from '../../core/area/units';
import type { Lang } from '../../state/store';
import { level1Name } from '../words/codeNames';

export type Cell = { from: string; to: string; area_m2: number; area_mu: number };
type RegionRow = { region: string; inflow_m2: number; outflow_m2: number; net_m2: number };
type NonAgriPiece = { before_id: string; after_id: string; from: string; to: string; area_mu: number; region: string; piece: number };

/** The part of changeJson (what `farmland change --json` prints) that the tab shows. */
export interface ChangeJsonView {
  matrix: Cell[];
  matrix_level1: Cell[];
  cultivated: { before_m2: number; after_m2: number; inflow_m2: number; outflow_m2: number; net_m2: number };
  balance: { total: { out: { area_m2: number; gddj: number | null }; in: { area_m2: number; gddj: number | null }; text: string } };
  stable: { total: { net_m2: number; gained_m2: number; lost_m2: number } };
  abandoned: { total: { recovered_m2: number; abandoned_m2: number } };
  high_standard_loss: { flag: boolean; area_m2: number; parcels: { id: string; area_mu: number }[] } | null;
  non_agricultural: { pieces: NonAgriPiece[] };
  regions: RegionRow[];
  slivers: { count: number; total_m2: number; tolerance_m2: number };
  reconciliation: { before_total_m2: number; rows_m2: number; after_total_m2: number; columns_m2: number } | null;
}

/** 亩 with two decimals, as the tab prints every area (one kept Intl.NumberFormat: see core/area/units). */
export const fmtMu = (mu: number) => formatNumber(mu, 2, 'zh-CN');

/** Rows of the 非农化 list rendered at once (thousands of rows would block the page for seconds). */
const TABLE_ROWS = 200;

const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

function TableHead({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((l) => (
          <th key={l}>{l}</th>
        ))}
      </tr>
    </thead>
  );
}

type Heat = { from: string[]; to: string[]; at: Map<string, number>; max: number };

function heatOf(cells: Cell[]): Heat {
  const from = [...new Set(cells.map((c) => c.from))].sort();
  const to = [...new Set(cells.map((c) => c.to))].sort();
  const at = new Map(cells.map((c) => [`${c.from}>${c.to}`, c.area_mu]));
  const max = Math.max(...cells.filter((c) => c.from !== c.to).map((c) => c.area_mu), 1e-9);
  return { from, to, at, max };
}

const HeatRow = memo(function HeatRow({ f, heat, lang }: { f: string; heat: Heat; lang: Lang }) {
  return (
    <tr>
      <th title={level1Name(f, lang)}>
        {f} {level1Name(f, lang)}
      </th>
      {heat.to.map((t) => {
        const v = heat.at.get(`${f}>${t}`);
        const alpha = v === undefined || f === t ? 0 : Math.min(1, 0.15 + 0.85 * (v / heat.max));
        return (
          <td key={t} style={{ background: f === t ? '#eeeeee' : `rgba(215, 25, 28, ${alpha})`, textAlign: 'right' }}>
            {v === undefined ? '' : fmtMu(v)}
          </td>
        );
      })}
    </tr>
  );
});

const HeatTable = memo(function HeatTable({ cells, lang }: { cells: Cell[]; lang: Lang }) {
  const heat = heatOf(cells);
  return (
    <>
      <h3>{L(lang, '一级地类转移（亩）', 'Transition by class (mu)')}</h3>
      <div className="table-scroll">
        <table className="change-heat" data-testid="change-heat">
          <thead>
            <tr>
              <th>{L(lang, '前期＼后期', 'from＼to')}</th>
              {heat.to.map((c) => (
                <th key={c} title={level1Name(c, lang)}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heat.from.map((f) => (
              <HeatRow key={f} f={f} heat={heat} lang={lang} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
});

const MatrixRow = memo(function MatrixRow({ c }: { c: Cell }) {
  return (
    <tr data-from={c.from} data-to={c.to} data-m2={c.area_m2}>
      <td>{c.from}</td>
      <td>{c.to}</td>
      <td style={{ textAlign: 'right' }}>{fmtMu(c.area_mu)}</td>
    </tr>
  );
});

const MatrixTable = memo(function MatrixTable({ cells, lang }: { cells: Cell[]; lang: Lang }) {
  return (
    <>
      <h3>{L(lang, '地类转移明细（二级，亩）', 'Transitions (level 2, mu)')}</h3>
      <table className="change-matrix" data-testid="change-matrix">
        <TableHead labels={[L(lang, '前期地类', 'From'), L(lang, '后期地类', 'To'), L(lang, '面积（亩）', 'Area (mu)')]} />
        <tbody>
          {cells.map((c) => (
            <MatrixRow key={`${c.from}>${c.to}`} c={c} />
          ))}
        </tbody>
      </table>
    </>
  );
});

const RegionTableRow = memo(function RegionTableRow({ r, name }: { r: RegionRow; name: string | undefined }) {
  return (
    <tr>
      <td>{r.region}</td>
      {name !== undefined && <td>{name || '—'}</td>}
      <td>{fmtMu(m2ToMu(r.inflow_m2))}</td>
      <td>{fmtMu(m2ToMu(r.outflow_m2))}</td>
      <td>{fmtMu(m2ToMu(r.net_m2))}</td>
    </tr>
  );
});

const RegionsTable = memo(function RegionsTable({ rows, lang, regionName }: { rows: RegionRow[]; lang: Lang; regionName: (code: string) => string }) {
  // the name column only when the loaded data names at least one of the rows' regions (the vintages may be of another county)
  const named = rows.some((r) => regionName(r.region) !== '');
  const labels = [L(lang, '区域代码', 'Region code'), ...(named ? [L(lang, '名称', 'Name')] : []), L(lang, '流入', 'In'), L(lang, '流出', 'Out'), L(lang, '净变化', 'Net')];
  return (
    <>
      <h3>{L(lang, '耕地流入流出（按区域，亩）', 'Farmland flows by region (mu)')}</h3>
      <table data-testid="change-regions">
        <TableHead labels={labels} />
        <tbody>
          {rows.map((r) => (
            <RegionTableRow key={r.region} r={r} name={named ? regionName(r.region) : undefined} />
          ))}
        </tbody>
      </table>
    </>
  );
});

const NonAgriRow = memo(function NonAgriRow({ p, onSelect }: { p: NonAgriPiece; onSelect: (piece: number) => unknown }) {
  return (
    <tr onClick={() => void onSelect(p.piece)}>
      <td>{p.before_id}</td>
      <td>{p.after_id}</td>
      <td>
        {p.from} → {p.to}
      </td>
      <td>{fmtMu(p.area_mu)}</td>
    </tr>
  );
});

const NonAgriTable = memo(function NonAgriTable({ pieces, lang, onSelect }: { pieces: NonAgriPiece[]; lang: Lang; onSelect: (piece: number) => unknown }) {
  return (
    <>
      <h3>{L(lang, '非农化图斑', 'Farmland to construction')}</h3>
      <table data-testid="change-nonagri">
        <TableHead labels={[L(lang, '前期图斑', 'Before'), L(lang, '后期图斑', 'After'), L(lang, '地类', 'Class'), L(lang, '亩', 'mu')]} />
        <tbody>
          {pieces.slice(0, TABLE_ROWS).map((p) => (
            <NonAgriRow key={`${p.piece}-${p.from}-${p.to}`} p={p} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
      {pieces.length > TABLE_ROWS && (
        <p className="hint">
          {L(lang, `列出前 ${TABLE_ROWS} 块（共 ${pieces.length} 块）；完整清单见导出的 XLSX（“非农化”表）`, `The first ${TABLE_ROWS} of ${pieces.length} pieces; the full list is in the exported XLSX (sheet “非农化”)`)}
        </p>
      )}
    </>
  );
});

/** The four tables of a result, in the tab's order. */
export const ChangeTables = memo(function ChangeTables({
  json,
  lang,
  onSelect,
  regionName = () => '',
}: {
  json: ChangeJsonView;
  lang: Lang;
  onSelect: (piece: number) => unknown;
  /** The loaded data's name of a region code ('' when unknown). */
  regionName?: (code: string) => string;
}) {
  return (
    <>
      <HeatTable cells={json.matrix_level1} lang={lang} />
      <MatrixTable cells={json.matrix} lang={lang} />
      <RegionsTable rows={json.regions} lang={lang} regionName={regionName} />
      <NonAgriTable pieces={json.non_agricultural.pieces} lang={lang} onSelect={onSelect} />
    </>
  );
});
