/** Smoke test of bench part (e) on 2k parcels: the data is what the bench says and the figures hold together. */
import { describe, expect, it } from 'vitest';
import { changeBenchTable, changeVintagesForBench, runChangeBench } from './changeBench';

describe('change bench (issue #17)', () => {
  it('makes two vintages: the same grid, 3 % reclassified and 1 % cut in two', () => {
    const { before, after } = changeVintagesForBench(2000);
    expect(before.length).toBeGreaterThan(1900);
    const split = after.length - before.length;
    expect(split).toBeGreaterThan(5);
    expect(split).toBeLessThan(60);
    expect(JSON.stringify(changeVintagesForBench(300))).toBe(JSON.stringify(changeVintagesForBench(300)));
  });

  it('overlays them: every piece pairs up, rows and columns reconcile, the table prints (PostGIS off)', () => {
    const r = runChangeBench(2000, { postgis: false });
    expect(r.pieces).toBe(r.parcels.after);
    expect(r.reconciliationRelErr).toBeLessThan(1e-9);
    expect(r.progressEvents).toBeGreaterThan(0);
    expect(r.postgis).toEqual({ ok: false, reason: 'skipped (--no-postgis)' });
    expect(changeBenchTable(r)).toContain('PostGIS: skipped');
  });
});
