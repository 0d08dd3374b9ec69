import { describe, expect, it } from 'vitest';
import type { Finding } from '../types';
import { LONG_EDGE_M } from './densify';
import { noteLongEdges, tallyLongEdges } from './longEdgeTally';

describe('long-edge tally', () => {
  it('counts features with long edges, their edges and the longest; features without any add nothing', () => {
    const t = { features: 0, edges: 0, longest: 0 };
    tallyLongEdges(t, { count: 2, longest: 900 });
    tallyLongEdges(t, { count: 0, longest: 0 });
    tallyLongEdges(t, { count: 1, longest: 1500.4 });
    expect(t).toEqual({ features: 2, edges: 3, longest: 1500.4 });
  });

  it('says nothing without long edges, else one warning that names the densify step or suggests one', () => {
    const none: Finding[] = [];
    noteLongEdges(none, 'a.shp', { features: 0, edges: 0, longest: 0 }, 50);
    expect(none).toEqual([]);
    const t = { features: 2, edges: 3, longest: 1500.4 };
    const kept: Finding[] = [];
    noteLongEdges(kept, 'a.shp', t, undefined);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ severity: 'warning', code: 'import.long-edges', file: 'a.shp' });
    expect(kept[0].message).toContain(`3 edges over ${LONG_EDGE_M} m (longest 1500 m)`);
    expect(kept[0].message).toContain('--densify METRES');
    const densified: Finding[] = [];
    noteLongEdges(densified, 'a.shp', t, 50);
    expect(densified[0].message).toContain('densified every 50 m');
  });
});
