/**
 * Controlled rounding of a table (the two-dimensional form of the largest-remainder method): every cell is
 * rounded down or up to a whole unit (of 0.01 公顷, say) so that the rounded cells add up exactly to the
 * rounded row totals and the rounded column totals, and those add up to the rounded grand total — as the
 * survey's printed 汇总表 do. Each row / column total is its exact value rounded down or up; the grand total is
 * the exact total rounded to nearest.
 *
 * Such a rounding always exists (Bacharach 1966; Cox & Ernst 1982): with r = fractional parts, the point x = r
 * satisfies  floor(Σrow) ≤ Σ_j x ≤ ceil(Σrow),  floor(Σcol) ≤ Σ_i x ≤ ceil(Σcol),  Σ x = round(Σ r) relaxed to
 * its floor/ceil — a network-flow polytope, whose vertices are integral. We find one integral point by max flow
 * with lower bounds (a circulation), exploring each row's cells from the largest remainder down, so that where
 * the margins leave a choice the largest remainders are rounded up. The margins themselves are first fixed to
 * their largest-remainder rounding (rows among themselves, columns among themselves, both to the rounded grand
 * total); only when no cell rounding meets both is a column (then a row) total allowed its other neighbour.
 */
import { largestRemainder } from '../analysis/adjustment';

interface Edge {
  to: number;
  cap: number;
  rev: number;
}

class FlowGraph {
  readonly adj: Edge[][];
  constructor(n: number) {
    this.adj = Array.from({ length: n }, () => []);
  }
  add(u: number, v: number, cap: number): Edge {
    const e: Edge = { to: v, cap, rev: this.adj[v].length };
    this.adj[u].push(e);
    this.adj[v].push({ to: u, cap: 0, rev: this.adj[u].length - 1 });
    return e;
  }
  /** Dinic's max flow from s to t. */
  maxFlow(s: number, t: number): number {
    const n = this.adj.length;
    let flow = 0;
    const level = new Int32Array(n);
    const it = new Int32Array(n);
    const queue = new Int32Array(n);
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        const u = queue[head++];
        for (const e of this.adj[u])
          if (e.cap > 0 && level[e.to] < 0) {
            level[e.to] = level[u] + 1;
            queue[tail++] = e.to;
          }
      }
      if (level[t] < 0) return flow;
      it.fill(0);
      // iterative DFS (tables can have thousands of rows: no recursion depth worries)
      for (;;) {
        const pushed = this.augment(s, t, level, it);
        if (pushed === 0) break;
        flow += pushed;
      }
    }
  }
  private augment(s: number, t: number, level: Int32Array, it: Int32Array): number {
    const path: Edge[] = [];
    let u = s;
    for (;;) {
      if (u === t) {
        let f = Infinity;
        for (const e of path) f = Math.min(f, e.cap);
        for (const e of path) {
          e.cap -= f;
          this.adj[e.to][e.rev].cap += f;
        }
        return f;
      }
      const edges = this.adj[u];
      let advanced = false;
      while (it[u] < edges.length) {
        const e = edges[it[u]];
        if (e.cap > 0 && level[e.to] === level[u] + 1) {
          path.push(e);
          u = e.to;
          advanced = true;
          break;
        }
        it[u]++;
      }
      if (!advanced) {
        if (u === s) return 0;
        level[u] = -1; // dead end
        const back = path.pop()!;
        u = this.adj[back.to][back.rev].to;
        it[u]++;
      }
    }
  }
}

/**
 * Round a matrix of non-negative values (already in the rounding unit: pass hectares × 100 to round to 0.01 ha)
 * to integers with exact margins. Returns the rounded cells, row totals, column totals and grand total.
 *
 * @example controlledRound([[0.5, 0.5], [0.5, 0.5]]) // cells sum by row and column to the rounded margins
 */
export function controlledRound(values: readonly (readonly number[])[]): { cells: number[][]; rows: number[]; cols: number[]; total: number } {
  const m = values.length;
  const n = m ? values[0].length : 0;
  const cells = values.map((r) => r.map((v) => Math.floor(Math.max(0, v))));
  const frac = values.map((r, i) => r.map((v, j) => Math.max(0, v) - cells[i][j]));
  // fractions within 1e-9 of a whole unit are float noise: treat them as exact
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      if (frac[i][j] > 1 - 1e-9) {
        cells[i][j] += 1;
        frac[i][j] = 0;
      } else if (frac[i][j] < 1e-9) frac[i][j] = 0;
    }
  const rowF = frac.map((r) => r.reduce((a, b) => a + b, 0));
  const colF = Array.from({ length: n }, (_, j) => frac.reduce((a, r) => a + r[j], 0));
  const totF = rowF.reduce((a, b) => a + b, 0);
  const target = Math.round(totF);
  const near = (x: number) => (Math.abs(x - Math.round(x)) < 1e-7 ? Math.round(x) : x);
  const rowLr = largestRemainder(rowF.map(near), target);
  const colLr = largestRemainder(colF.map(near), target);
  const loose = (x: number): [number, number] => [Math.floor(near(x)), Math.ceil(near(x))];
  const attempts: [(i: number) => [number, number], (j: number) => [number, number]][] = [
    [(i) => [rowLr[i], rowLr[i]], (j) => [colLr[j], colLr[j]]],
    [(i) => [rowLr[i], rowLr[i]], (j) => loose(colF[j])],
    [(i) => loose(rowF[i]), (j) => loose(colF[j])],
  ];
  for (const [rb, cb] of attempts) {
    const up = tryRound(m, n, frac, rb, cb, target);
    if (up === null) continue;
    for (const [i, j] of up) cells[i][j] += 1;
    const rows = cells.map((r) => r.reduce((a, b) => a + b, 0));
    const cols = Array.from({ length: n }, (_, j) => cells.reduce((a, r) => a + r[j], 0));
    return { cells, rows, cols, total: rows.reduce((a, b) => a + b, 0) };
  }
  throw new Error('controlled rounding found no feasible rounding — please report this table');
}

/** The cells to round up, or null when the bounds admit no rounding. */
function tryRound(
  m: number,
  n: number,
  frac: readonly (readonly number[])[],
  rowBounds: (i: number) => [number, number],
  colBounds: (j: number) => [number, number],
  target: number,
): [number, number][] | null {
  // nodes: 0 s, 1 t, 2..2+m rows, 2+m..2+m+n cols, then S' and T' for the lower bounds
  const S = 0;
  const T = 1;
  const R0 = 2;
  const C0 = 2 + m;
  const SS = 2 + m + n;
  const TT = SS + 1;
  const g = new FlowGraph(TT + 1);
  const excess = new Float64Array(TT + 1);
  const bounded = (u: number, v: number, lo: number, hi: number) => {
    if (hi > lo) g.add(u, v, hi - lo);
    excess[v] += lo;
    excess[u] -= lo;
  };
  for (let i = 0; i < m; i++) bounded(S, R0 + i, ...rowBounds(i));
  for (let j = 0; j < n; j++) bounded(C0 + j, T, ...colBounds(j));
  bounded(T, S, target, target);
  const cellEdges: { i: number; j: number; e: Edge }[] = [];
  for (let i = 0; i < m; i++) {
    const order = Array.from({ length: n }, (_, j) => j).filter((j) => frac[i][j] > 0).sort((a, b) => frac[i][b] - frac[i][a] || a - b);
    for (const j of order) cellEdges.push({ i, j, e: g.add(R0 + i, C0 + j, 1) });
  }
  let need = 0;
  for (let v = 0; v < SS; v++) {
    if (excess[v] > 0) {
      g.add(SS, v, excess[v]);
      need += excess[v];
    } else if (excess[v] < 0) g.add(v, TT, -excess[v]);
  }
  if (g.maxFlow(SS, TT) !== need) return null;
  return cellEdges.filter((c) => c.e.cap === 0).map((c) => [c.i, c.j]);
}
