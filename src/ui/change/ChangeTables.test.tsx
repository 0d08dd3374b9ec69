import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type ChangeJsonView, ChangeTables } from './ChangeTables';

const json = (regions: ChangeJsonView['regions']): ChangeJsonView => ({
  matrix: [],
  matrix_level1: [],
  cultivated: { before_m2: 0, after_m2: 0, inflow_m2: 0, outflow_m2: 0, net_m2: 0 },
  balance: { total: { out: { area_m2: 0, gddj: null }, in: { area_m2: 0, gddj: null }, text: '' } },
  stable: { total: { net_m2: 0, gained_m2: 0, lost_m2: 0 } },
  abandoned: { total: { recovered_m2: 0, abandoned_m2: 0 } },
  high_standard_loss: null,
  non_agricultural: { pieces: [] },
  regions,
  slivers: { count: 0, total_m2: 0, tolerance_m2: 0 },
  reconciliation: null,
});

const regionCells = (html: string) => {
  const table = html.slice(html.indexOf('data-testid="change-regions"'));
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]));
};

describe('ChangeTables — 耕地 flows by region', () => {
  const rows = [
    { region: '231299101', inflow_m2: 666.6666666666666, outflow_m2: 0, net_m2: 666.6666666666666 },
    { region: '231299102', inflow_m2: 0, outflow_m2: 1333.3333333333333, net_m2: -1333.3333333333333 },
  ];

  it('keeps the code first and adds the loaded data’s name beside it (— where the data does not name the region)', () => {
    const html = renderToStaticMarkup(<ChangeTables json={json(rows)} lang="zh" onSelect={() => undefined} regionName={(c) => (c === '231299101' ? '甲镇' : '')} />);
    expect(html).toContain('>名称<');
    expect(regionCells(html)).toEqual([
      ['231299101', '甲镇', '1.00', '0.00', '1.00'],
      ['231299102', '—', '0.00', '2.00', '-2.00'],
    ]);
  });

  it('has no name column when the loaded data names none of the regions (vintages of another county)', () => {
    const html = renderToStaticMarkup(<ChangeTables json={json(rows)} lang="en" onSelect={() => undefined} />);
    expect(html).not.toContain('>Name<');
    expect(regionCells(html)[0]).toEqual(['231299101', '1.00', '0.00', '1.00']);
  });
});
