/**
 * Edges of a projected source longer than LONG_EDGE_M (io/densify.ts), counted over a layer and reported once.
 */
import type { Finding } from '../types';
import { LONG_EDGE_M } from './densify';
import { importWarn as warn } from './importTypes';

export interface LongEdgeTally {
  features: number;
  edges: number;
  longest: number;
}
/** Count one feature's long edges (`densify.ts` longEdges) into the layer's tally. */
export function tallyLongEdges(t: LongEdgeTally, le: { count: number; longest: number }): void {
  if (le.count === 0) return;
  t.features++;
  t.edges += le.count;
  t.longest = Math.max(t.longest, le.longest);
}
/** A projected source with edges over LONG_EDGE_M: say so (io/densify.ts), and whether they were densified. */
export function noteLongEdges(findings: Finding[], file: string, t: LongEdgeTally, densifyM: number | undefined): void {
  if (t.edges === 0) return;
  findings.push(
    warn(
      file,
      'import.long-edges',
      densifyM
        ? `${t.features} 个要素有 ${t.edges} 条长于 ${LONG_EDGE_M} 米的边（最长 ${Math.round(t.longest)} 米），已按源投影中的直线每 ${densifyM} 米加密 / ${t.edges} edges over ${LONG_EDGE_M} m (longest ${Math.round(t.longest)} m) densified every ${densifyM} m as straight in the source projection`
        : `${t.features} 个要素有 ${t.edges} 条长于 ${LONG_EDGE_M} 米的边（最长 ${Math.round(t.longest)} 米）：它们在源投影中是直线，换算为经纬度直线后面积会有差异；可用 --densify 米数 按源投影加密 / ${t.edges} edges over ${LONG_EDGE_M} m (longest ${Math.round(t.longest)} m) are straight in the source projection, not in lon/lat; --densify METRES keeps them as drawn`,
    ),
  );
}
