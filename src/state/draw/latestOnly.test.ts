import { describe, expect, it } from 'vitest';
import { LatestOnly } from './latestOnly';

function manual() {
  const sent: { value: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const lo = new LatestOnly<number>((value) => new Promise<void>((resolve, reject) => sent.push({ value, resolve, reject })));
  return { lo, sent };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LatestOnly', () => {
  it('sends at once when idle, keeps only the newest while one is in flight, then sends it', async () => {
    const { lo, sent } = manual();
    lo.send(1);
    lo.send(2);
    lo.send(3);
    lo.send(4);
    expect(sent.map((s) => s.value)).toEqual([1]);
    expect(lo.busy).toBe(true);
    sent[0].resolve();
    await tick();
    expect(sent.map((s) => s.value)).toEqual([1, 4]);
    sent[1].resolve();
    await tick();
    expect(lo.busy).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('goes on after a failed request', async () => {
    const { lo, sent } = manual();
    lo.send(1);
    lo.send(2);
    sent[0].reject(new Error('worker died'));
    await tick();
    expect(sent.map((s) => s.value)).toEqual([1, 2]);
  });

  it('a run that throws synchronously does not wedge it', async () => {
    let calls = 0;
    const lo = new LatestOnly<number>(() => {
      calls++;
      throw new Error('boom');
    });
    lo.send(1);
    await tick();
    lo.send(2);
    await tick();
    expect(calls).toBe(2);
    expect(lo.busy).toBe(false);
  });
});
