/**
 * Golden summary: test/fixtures/in/summary-county.geojson (+ summary-targets.csv) through `farmland summary --json`
 * compared with test/fixtures/out/summary-county.json. `REGEN=1 npx vitest run test/golden-summary.test.ts`
 * rewrites the output (review the diff!). The app version in the metadata is masked so releases do not churn it.
 *
 * Anchors are checked on the output itself, from each parcel's `expected_mu` (the whole-亩 area its cell was built
 * with, by closed form, independent of the engine): every bucket of every breakdown, the layer total, and the
 * targets' gaps — so a regeneration cannot bake in a wrong figure.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io';
import { runCli } from '../src/cli/main';

const IN = join(__dirname, 'fixtures', 'in');
const OUT = join(__dirname, 'fixtures', 'out', 'summary-county.json');

async function summaryJson(extra: string[] = []): Promise<{ code: number; text: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: async (p) => new Uint8Array(readFileSync(p)),
    writeFile: async () => {},
    now: () => new Date(Date.UTC(2026, 10, 1)),
  };
  const code = await runCli(['summary', '--layer', `cultivated=${join(IN, 'summary-county.geojson')}`, '--targets', join(IN, 'summary-targets.csv'), '--json', ...extra], io);
  return { code, err: err.join(''), text: out.join('').replace(/"version": "[^"]*"/, '"version": "<version>"') };
}

interface B {
  key: string;
  features: number;
  area_mu: number;
  net_mu: number;
}

/** The survey's net/gross ratio, written out here independently of the engine: TBDLMJ/TBMJ, (TBMJ−KCMJ)/TBMJ, 1 − KCXS, else 1. */
function netRatio(p: Record<string, unknown>): number {
  const tbmj = p.TBMJ as number | undefined;
  if (tbmj !== undefined && tbmj > 0 && p.TBDLMJ !== undefined) return (p.TBDLMJ as number) / tbmj;
  if (tbmj !== undefined && tbmj > 0 && p.KCMJ !== undefined) return (tbmj - (p.KCMJ as number)) / tbmj;
  if (p.KCXS !== undefined) return 1 - (p.KCXS as number);
  return 1;
}

describe('golden: farmland summary --json', () => {
  it('matches test/fixtures/out/summary-county.json', async () => {
    const { code, text, err } = await summaryJson();
    // T10 (DLBM 0201) is not 耕地: validation reports it (exit 1 when it is an error) — still summarised under "other"
    expect(code).toBe(err.includes('错误 error') ? 1 : 0);
    if (process.env.REGEN === '1' || !existsSync(OUT)) writeFileSync(OUT, text);
    const expected = JSON.parse(readFileSync(OUT, 'utf8'));
    const actual = JSON.parse(text);
    expect(actual.metadata).toEqual(expected.metadata);
    expect(actual.layers[0].by_village.map((b: B) => b.key)).toEqual(expected.layers[0].by_village.map((b: B) => b.key));
    // numbers to 1e-9 relative: the golden guards layout and figures, not the last bit
    const close = (a: unknown, e: unknown, path: string): void => {
      if (typeof e === 'number') {
        expect(typeof a, path).toBe('number');
        expect(Math.abs((a as number) - e), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
      } else if (e !== null && typeof e === 'object') {
        expect(Object.keys(a as object).sort(), path).toEqual(Object.keys(e).sort());
        for (const k of Object.keys(e)) close((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`);
      } else expect(a, path).toEqual(e);
    };
    close(actual, expected, '$');
  });

  it('anchors: every bucket equals the Σ expected_mu of its parcels', async () => {
    const input = JSON.parse(readFileSync(join(IN, 'summary-county.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const { text } = await summaryJson();
    const layer = JSON.parse(text).layers[0];
    const props = input.features.map((f) => f.properties);
    const total = props.reduce((s, p) => s + (p.expected_mu as number), 0);
    expect(total).toBe(164);
    expect(layer.features).toBe(13);
    // areas sit on a 2⁻¹⁰ m² grid: ≤ 13 × 2⁻¹¹ m² ≈ 1e-5 亩 off in all
    expect(Math.abs(layer.area_mu - total)).toBeLessThan(1e-5);
    const land = (d: unknown) => ({ '0101': 'paddy', '011': 'paddy', '0102': 'irrigated', '012': 'irrigated', '0103': 'dry', '013': 'dry' })[String(d)] ?? (d === undefined ? 'unknown' : 'other');
    const keyFns: Record<string, (p: Record<string, unknown>) => string> = {
      by_land_class: (p) => land(p.DLBM),
      by_grade: (p) => (p.GDDJ === undefined ? 'unknown' : String(p.GDDJ)),
      by_slope: (p) => (p.GDPDJB === undefined ? 'unknown' : String(p.GDPDJB)),
      by_county: (p) => (p.ZLDWDM === undefined ? 'unknown' : String(p.ZLDWDM).slice(0, 6)),
      by_township: (p) => (p.ZLDWDM === undefined ? 'unknown' : String(p.ZLDWDM).slice(0, 9)),
      by_village: (p) => (p.ZLDWDM === undefined ? 'unknown' : String(p.ZLDWDM).slice(0, 12)),
    };
    for (const [dim, keyOf] of Object.entries(keyFns)) {
      const want = new Map<string, { mu: number; n: number; net: number }>();
      for (const p of props) {
        const k = keyOf(p);
        const w = want.get(k) ?? { mu: 0, n: 0, net: 0 };
        w.mu += p.expected_mu as number;
        w.net += (p.expected_mu as number) * netRatio(p);
        w.n += 1;
        want.set(k, w);
      }
      for (const b of layer[dim] as B[]) {
        const w = want.get(b.key) ?? { mu: 0, n: 0, net: 0 };
        expect(Math.abs(b.area_mu - w.mu), `${dim} ${b.key}`).toBeLessThan(1e-5);
        expect(Math.abs(b.net_mu - w.net), `${dim} ${b.key} net`).toBeLessThan(1e-5);
        expect(b.features, `${dim} ${b.key}`).toBe(w.n);
      }
      expect((layer[dim] as B[]).filter((b) => b.features > 0).length, dim).toBe(want.size);
    }
    // declared: Σ TBMJ over the parcels that have it; TBDLMJ derived as TBMJ × (1 − KCXS)
    const withTbmj = props.filter((p) => p.TBMJ !== undefined);
    expect(layer.declared.tbmj_m2).toBe(withTbmj.reduce((s, p) => s + (p.TBMJ as number), 0));
    expect(layer.declared.tbdlmj_m2).toBeCloseTo(withTbmj.filter((p) => p.KCXS !== undefined).reduce((s, p) => s + (p.TBMJ as number) * (1 - (p.KCXS as number)), 0), 6);
  });

  it('anchors: targets on 地类面积 (default) — 吴中区 120 亩 against Σ expected_mu × net ratio of its parcels', async () => {
    const input = JSON.parse(readFileSync(join(IN, 'summary-county.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const { text } = await summaryJson();
    const j = JSON.parse(text);
    expect(j.basis).toBe('net');
    expect(j.metadata.area_basis.basis).toBe('net');
    const of = (prefix: string) =>
      input.features.map((f) => f.properties).filter((p) => String(p.ZLDWDM ?? '').startsWith(prefix)).reduce((s, p) => s + (p.expected_mu as number) * netRatio(p), 0);
    const bal = (code: string) => j.targets.children.find((c: { code: string }) => c.code === code)?.lines[0];
    expect(bal('320506').achieved_mu).toBeCloseTo(of('320506'), 4);
    expect(bal('320506').balance_mu).toBeCloseTo(of('320506') - 120, 4);
    expect(bal('320507').balance_mu).toBeCloseTo(of('320507') - 40, 4);
    expect(of('320506')).toBeLessThan(117);
  });

  it('anchors: targets on 图斑面积 — 吴中区 120 亩 against 117 achieved, 甲镇 50 vs 47, 乙镇 65 vs 70, 相城区 40 vs 43', async () => {
    const { text } = await summaryJson(['--area-basis', 'polygon']);
    const t = JSON.parse(text).targets;
    const bal = (code: string) => t.children.find((c: { code: string }) => c.code === code)?.lines[0];
    expect(t.children.map((c: { code: string }) => c.code)).toEqual(['320506', '320507']);
    expect(bal('320506').balance_mu).toBeCloseTo(-3, 4);
    expect(bal('320506').gap_mu).toBeCloseTo(3, 4);
    expect(bal('320507').balance_mu).toBeCloseTo(3, 4);
    expect(bal('320507').surplus_mu).toBeCloseTo(3, 4);
    const r = JSON.parse((await summaryJson(['--region', '320506', '--area-basis', 'polygon'])).text).targets;
    expect(r.children.map((c: { code: string; lines: { balance_mu: number }[] }) => [c.code, Math.round(c.lines[0].balance_mu * 1e4) / 1e4])).toEqual([
      ['320506101', -3],
      ['320506102', 5],
    ]);
  });
});
