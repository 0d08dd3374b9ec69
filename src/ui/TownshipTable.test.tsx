import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TownshipTable } from './TownshipTable';

describe('TownshipTable', () => {
  it("shows the township rows only, the township's name (or its code when unnamed) first, then the given columns", () => {
    const html = renderToStaticMarkup(
      <TownshipTable
        caption="c"
        testId="t"
        nameLabel="乡镇"
        regionName={(code) => (code === '330102101' ? '甲镇' : '')}
        rows={[
          { code: '330102', level: 'county', m2: 3 },
          { code: '330102101', level: 'township', m2: 1 },
          { code: '330102102', level: 'township', m2: 2 },
          { code: '330102101001', level: 'village', m2: 1 },
        ]}
        columns={[{ key: 'a', label: 'A', numeric: true, value: (r) => r.m2 }]}
      />,
    );
    expect(html).toContain('data-testid="t"');
    const cells = [...html.matchAll(/<t[hd] (?:scope="row"|class="num")>(.*?)<\/t[hd]>/g)].map((m) => m[1]);
    expect(cells).toEqual(['甲镇', '1', '330102102', '2']);
    expect(html.indexOf('乡镇')).toBeLessThan(html.indexOf('>A<'));
  });
});
