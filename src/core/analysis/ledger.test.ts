import { describe, expect, it } from 'vitest';
import { type LedgerProject, ledger, parseProjects } from './ledger';

const P = (region: string, year: number, type: 'occupation' | 'supplement', mu: number, extra: Partial<LedgerProject> = {}): LedgerProject => ({
  region, year, type, mu, name: `${region}-${year}-${type}-${mu}`, ...extra,
});

const projects: LedgerProject[] = [
  P('A', 2023, 'supplement', 100),
  P('A', 2023, 'supplement', 30, { stable: false }),
  P('A', 2023, 'occupation', 40),
  P('A', 2023, 'occupation', 10, { purpose: 'agriculture' }),
  P('A', 2023, 'occupation', 5, { illegal: true }),
  P('A', 2024, 'occupation', 25),
  P('A', 2024, 'supplement', 10),
  P('A', 2026, 'occupation', 3),
  P('B', 2024, 'occupation', 60),
  P('B', 2024, 'supplement', 80),
];

describe('ledger (以补定占)', () => {
  it('default rule: net = stable supplement − occupation; next cap = net − frozen; remaining = cap − construction occupation', () => {
    const r = ledger(projects, { initialCaps: { B: 50 } });
    const row = (region: string, year: number) => r.rows.find((x) => x.region === region && x.year === year)!;
    expect(r.rows.map((x) => `${x.region}${x.year}`)).toEqual(['A2023', 'A2024', 'A2025', 'A2026', 'B2024']);
    const a23 = row('A', 2023);
    expect(a23).toMatchObject({ supplementedMu: 100, unstableMu: 30, occupiedMu: 55, usedMu: 45, frozenMu: 5, netIncreaseMu: 45, balanced: true, capMu: null, remainingMu: null, exceeded: false, nextYearCapMu: 40, projects: 5 });
    expect(row('A', 2024)).toMatchObject({ capMu: 40, usedMu: 25, remainingMu: 15, netIncreaseMu: -15, balanced: false, nextYearCapMu: 0, exceeded: false });
    expect(row('A', 2025)).toMatchObject({ capMu: 0, usedMu: 0, remainingMu: 0, netIncreaseMu: 0, nextYearCapMu: 0, projects: 0 });
    expect(row('A', 2026)).toMatchObject({ capMu: 0, usedMu: 3, remainingMu: -3, exceeded: true });
    expect(row('B', 2024)).toMatchObject({ capMu: 50, usedMu: 60, remainingMu: -10, exceeded: true, netIncreaseMu: 20, nextYearCapMu: 20 });
    const t24 = r.totals.find((t) => t.year === 2024)!;
    expect(t24).toMatchObject({ capMu: 90, usedMu: 85, remainingMu: 5, supplementedMu: 90, occupiedMu: 85, nextYearCapMu: 20 });
    expect(r.totals.find((t) => t.year === 2023)!.capMu).toBeNull();
    expect(r.rule.length).toBeGreaterThan(2);
  });

  it('options change the rule as stated', () => {
    const half = ledger(projects, { capRatio: 0.5 });
    expect(half.rows[0].nextYearCapMu).toBe(17.5);
    expect(half.rows[1].capMu).toBe(17.5);
    expect(half.rows[1].remainingMu).toBe(-7.5);
    const unstable = ledger(projects, { countUnstable: true });
    expect(unstable.rows[0]).toMatchObject({ supplementedMu: 130, unstableMu: 0, netIncreaseMu: 75, nextYearCapMu: 70 });
    const all = ledger(projects, { capAppliesTo: 'all' });
    expect(all.rows[0].usedMu).toBe(55);
    const noFreeze = ledger(projects, { freezeRatio: 0 });
    expect(noFreeze.rows[0].nextYearCapMu).toBe(45);
    // frozen quota larger than the net leaves a cap of 0, never negative
    expect(ledger([P('C', 2020, 'supplement', 10), P('C', 2020, 'occupation', 8, { illegal: true })]).rows[0].nextYearCapMu).toBe(0);
  });

  it('ignores non-finite or negative amounts (parseProjects reports them)', () => {
    const r = ledger([P('A', 2023, 'supplement', Number.NaN), P('A', 2023, 'supplement', -4), P('A', 2023, 'supplement', 7)]);
    expect(r.rows[0].supplementedMu).toBe(7);
  });
});

describe('parseProjects', () => {
  it('CSV (BOM, Chinese type names, optional columns) and JSON', () => {
    const csv = '\uFEFFregion,year,type,mu,name,stable,purpose,illegal\r\n330102,2023,补充,"1,000.5",土地整治,是,,\r\n330102,2023,占用,20,某园区,,非农建设,否\r\n330102,2024,occupation,3,果园,,种果种茶,\r\n';
    const r = parseProjects(csv, 'p.csv');
    expect(r.findings).toEqual([]);
    expect(r.projects).toEqual([
      { region: '330102', year: 2023, type: 'supplement', mu: 1000.5, name: '土地整治', stable: true, row: 1 },
      { region: '330102', year: 2023, type: 'occupation', mu: 20, name: '某园区', purpose: 'construction', illegal: false, row: 2 },
      { region: '330102', year: 2024, type: 'occupation', mu: 3, name: '果园', purpose: 'agriculture', row: 3 },
    ]);
    const j = parseProjects(JSON.stringify({ projects: [{ region: 'A', year: 2023, type: 'supplement', mu: 5, name: 'x', stable: false }] }), 'p.json');
    expect(j.projects[0]).toMatchObject({ region: 'A', stable: false, mu: 5 });
    expect(parseProjects('[{"region":"A","year":"2023","type":"occupation","mu":"2","name":"y"}]', 'a.json').projects[0].year).toBe(2023);
  });

  it('bad rows → findings naming file, row and field', () => {
    const csv = ['region,year,type,mu,name,stable', ',2023,补充,1,a', 'A,23,补充,1,b', 'A,2023,买,1,c', 'A,2023,补充,-1,d', 'A,2023,补充,x,e', 'A,2023,补充,1,f,maybe', 'A,2023,补充,1,ok,'].join('\n');
    const r = parseProjects(csv, 'bad.csv');
    expect(r.projects.map((p) => p.name)).toEqual(['ok']);
    expect(r.findings.map((f) => [f.featureIndex, f.field])).toEqual([
      [1, 'region'], [2, 'year'], [3, 'type'], [4, 'mu'], [5, 'mu'], [6, 'stable'],
    ]);
    expect(r.findings.every((f) => f.file === 'bad.csv' && f.message.includes(`第 ${f.featureIndex} 行`))).toBe(true);
    for (const t of ['', 'x,y\n1,2', '{"a":1}', '[1', '[null]']) expect(parseProjects(t, 'f').findings.length).toBe(1);
  });
});
