import { describe, expect, it } from 'vitest';
import { type TaskRun, taskSummary, taskTable } from './dashboardTasks';

describe('dashboard task summary (bench part d)', () => {
  const run = (n: number, wall: number, cpu: number, over: number, ok = true): TaskRun => ({ run: n, ok, readyMs: 8000, wall, cpu, wallOver100: over, cpuOver100: 0, parts: 'x', loadAvg: [1, 1] });

  it('takes the longest task over the runs that completed, the median run, and counts runs over 100 ms', () => {
    const rows = [run(1, 50, 20, 0), run(2, 120, 30, 1), run(3, 60, 25, 0), { run: 4, ok: false, error: 'boom', loadAvg: [1, 1] as [number, number] }, run(5, 70, 40, 0)];
    expect(taskSummary(rows)).toEqual({ runs: 4, maxWall: 120, medianWall: 65, maxCpu: 40, runsOver100Wall: 1, runsOver100Cpu: 0 });
    const t = taskTable(rows);
    expect(t).toContain('| 2 | 8.0 s | 120 / 30 ms | 1 / 0 |');
    expect(t).toContain('| 4 | failed: boom |');
    expect(t).toContain('4 runs: longest task 120 ms wall (median run 65 ms), 40 ms CPU; runs with a task over 100 ms: 1 (wall), 0 (CPU).');
  });
});
