/**
 * The first feature index carrying each id, for the duplicate-id check: an open-addressing hash table over typed
 * arrays, sized once for the file. A Map<string, number> does the same job, but at county scale it costs ~0.5 µs
 * per feature (growth by rehashing, an entry object per id); this table allocates two arrays. Each slot keeps the
 * id's full hash beside its entry, so a probe that meets another id compares two numbers in the same cache line
 * instead of following a pointer to a string; and the ids and first indices go into arrays sized once, where `push`
 * onto growing arrays took most of the table's time.
 *
 * The hash is seeded per table (so crafted ids cannot be made to collide on purpose) and covers the whole id; a
 * probe sequence longer than MAX_PROBES — which random ids essentially never reach — hands the table over to a
 * Map, so no input makes the check quadratic.
 */
const MAX_PROBES = 64;

export class FirstIndexById {
  private slots: Int32Array;
  /** Entry e - 1's id and first index; sized for the table's limit (half its slots), so never grown. */
  private readonly ids: string[];
  private readonly firsts: Int32Array;
  private count = 0;
  private readonly mask: number;
  private readonly seed: number;
  private map: Map<string, number> | undefined;

  /** `expected`: about how many ids will be added (the table holds at least twice as many slots). */
  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    // slot s: [2s] the entry (1-based; 0 = empty), [2s + 1] the id's hash
    this.slots = new Int32Array(cap * 2);
    this.ids = new Array<string>(cap / 2);
    this.firsts = new Int32Array(cap / 2);
    this.mask = cap - 1;
    this.seed = (Math.random() * 0x7fffffff) | 0;
  }

  /** The index first recorded for `id`; else records `index` for it and returns undefined. */
  firstOrAdd(id: string, index: number): number | undefined {
    if (this.map) return this.mapFirstOrAdd(id, index);
    let h = this.seed ^ id.length;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & this.mask;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const e = this.slots[slot * 2];
      if (e === 0) {
        if (this.count * 2 >= this.mask + 1) break; // full beyond its size: fall back
        this.ids[this.count] = id;
        this.firsts[this.count] = index;
        this.slots[slot * 2] = ++this.count;
        this.slots[slot * 2 + 1] = h;
        return undefined;
      }
      if (this.slots[slot * 2 + 1] === h && this.ids[e - 1] === id) return this.firsts[e - 1];
      slot = (slot + probe + 1) & this.mask;
    }
    this.map = new Map();
    for (let k = 0; k < this.count; k++) this.map.set(this.ids[k], this.firsts[k]);
    this.slots = new Int32Array(0);
    return this.mapFirstOrAdd(id, index);
  }

  private mapFirstOrAdd(id: string, index: number): number | undefined {
    const map = this.map as Map<string, number>;
    const prev = map.get(id);
    if (prev === undefined) map.set(id, index);
    return prev;
  }
}
