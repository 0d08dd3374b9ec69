import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { fakeIO as makeFakeIO } from '../../../test/helpers/fakeIO';

const fakeIO = (files: Record<string, string>) => makeFakeIO(files, { now: new Date(Date.UTC(2026, 0, 1)) });

const PROJECTS = [
  'region,year,type,mu,name,stable,purpose,illegal',
  '330000,2023,补充,100,整治,,,',
  '330000,2023,补充,20,未验收,否,,',
  '330000,2023,占用,40,园区,,,',
  '330000,2023,占用,5,违建,,,是',
  '330000,2024,占用,30,道路,,,',
  '330000,2024,占用,10,果园,,种果种茶,',
  '330000,2024,补充,10,复垦,,,',
  '340000,2024,补充,7,整治,,,',
].join('\n');

describe('farmland ledger', () => {
  it('--json: per region and year, next cap and remaining', async () => {
    const f = fakeIO({ '/p.csv': PROJECTS });
    expect(await runCli(['ledger', '/p.csv', '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.metadata.generated_at).toBe('2026-01-01T00:00:00.000Z');
    const [a23, a24, b24] = j.rows;
    // 2023: net = 100 − 45 = 55; 5 亩 illegal freezes 5 → cap 2024 = 50
    expect(a23).toMatchObject({ region: '330000', year: 2023, supplemented_mu: 100, unstable_mu: 20, occupied_mu: 45, net_increase_mu: 55, frozen_mu: 5, cap_mu: null, next_year_cap_mu: 50 });
    // 2024: cap 50; construction use 30 (the orchard does not count against the cap) → 20 left; net −30 → next 0
    expect(a24).toMatchObject({ year: 2024, cap_mu: 50, used_mu: 30, remaining_mu: 20, occupied_mu: 40, net_increase_mu: -30, balanced: false, next_year_cap_mu: 0 });
    expect(b24).toMatchObject({ region: '340000', net_increase_mu: 7, next_year_cap_mu: 7, cap_mu: null });
    expect(j.rule[0]).toContain('净增加');
  });

  it('--config changes the rule; --region filters; human and CSV output', async () => {
    const files = { '/p.csv': PROJECTS, '/c.json': JSON.stringify({ ledger: { cap_ratio: 0.5, initial_caps: { '330000': 12 } } }) };
    const f = fakeIO(files);
    expect(await runCli(['ledger', '/p.csv', '--config', '/c.json', '--region', '33', '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.rows.length).toBe(2);
    expect(j.rows[0]).toMatchObject({ cap_mu: 12, used_mu: 45, remaining_mu: -33, exceeded: true, next_year_cap_mu: 22.5 });
    const h = fakeIO(files);
    expect(await runCli(['ledger', '/p.csv'], h.io)).toBe(0);
    expect(h.out()).toMatch(/330000\s+2024\s+10\.00\s+40\.00\s+-30\.00\s+50\.00\s+30\.00\s+20\.00\s+0\.00/);
    const c = fakeIO(files);
    expect(await runCli(['ledger', '/p.csv', '--csv'], c.io)).toBe(0);
    expect(c.out().charCodeAt(0)).toBe(0xfeff);
    expect(c.out()).toContain('\r\n330000,2024,3,10,0,40,30,0,-30,否,50,20,否,0\r\n');
  });

  it('bad input', async () => {
    const f = fakeIO({ '/bad.csv': 'region,year,type,mu,name\nA,2023,补充,x,a\nA,2023,补充,3,b\n', '/h.csv': 'a,b\n1,2\n' });
    expect(await runCli(['ledger', '/bad.csv', '--json'], f.io)).toBe(1);
    expect(f.err()).toMatch(/bad\.csv 第 1 行.*mu/);
    expect(JSON.parse(f.out()).rows[0].supplemented_mu).toBe(3);
    const g = fakeIO({ '/h.csv': 'a,b\n1,2\n' });
    expect(await runCli(['ledger', '/h.csv'], g.io)).toBe(2);
    expect(g.err()).toMatch(/h\.csv: 表头缺少/);
    expect(await runCli(['ledger', '/none.csv'], fakeIO({}).io)).toBe(2);
    expect(await runCli(['ledger'], fakeIO({}).io)).toBe(2);
    const cfg = fakeIO({ '/p.csv': PROJECTS, '/c.json': '{"cap_ratio": -1}' });
    expect(await runCli(['ledger', '/p.csv', '--config', '/c.json', '--json'], cfg.io)).toBe(1);
    expect(cfg.err()).toMatch(/cap_ratio/);
  });
});
