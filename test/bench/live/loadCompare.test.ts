import { describe, expect, it } from 'vitest';
import { buildMedians, type LoadCompare, type LoadRun } from './loadCompare';

const run = (build: LoadRun['build'], round: number, readyMs: number, pageMB: number | undefined, later?: number, error?: string): LoadRun => ({
  build, round, parcels: 500_000, readyMs, rendererMB: (pageMB ?? 0) + 300, peakRendererMB: 0, pageMB, samples: 1,
  settled: later === undefined ? undefined : { afterS: 20, rendererMB: later + 300, peakMB: 0, cpuS: 0, pageMB: later }, phases: '', loadAvg: 1, error,
});

describe('buildMedians (the goals row of issue 14 item 8 in npm run bench)', () => {
  it('takes each build’s medians over its rounds, leaving out failed rounds and missing figures', () => {
    const c: LoadCompare = {
      base: 'abc', parcels: 500_000,
      runs: [run('base', 1, 14_000, 800, 680), run('this', 1, 12_000, 760, 650), run('base', 2, 11_000, 820, 700), run('this', 2, 13_000, 740), run('base', 3, 15_000, 810, 690), run('this', 3, 1, 1, 1, 'timed out')],
    };
    expect(buildMedians(c, 'base')).toEqual({ readyMs: 14_000, pageMB: 810, settledPageMB: 690, rendererMB: 1110, rounds: 3 });
    expect(buildMedians(c, 'this')).toEqual({ readyMs: 12_500, pageMB: 750, settledPageMB: 650, rendererMB: 1050, rounds: 2 });
    expect(buildMedians(c, 'this .gz')).toEqual({ readyMs: Number.NaN, pageMB: Number.NaN, settledPageMB: Number.NaN, rendererMB: Number.NaN, rounds: 0 });
  });
});
