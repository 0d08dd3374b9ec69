/**
 * What `POST /api/impact` answers the dashboard's drawing: the live figures (`form: 'live'`, a few hundred bytes
 * however big the site) or, for a finished site, what the worker's `drawImpact` answers on files (`form: 'full'`):
 * the engine's report from the database (impactDb.ts) in its wire form (core/engine/impactWire.ts: every parcel id
 * and piece), the touched parcels largest first and the 耕地 / 永久基本农田 outlines for the highlight — the same
 * pieces the worker picks (touchedPieces), their ids and attributes and outlines read from the store.
 *
 * A piece names its parcel by kind, position in its county's layer and parcel id (the report carries no county:
 * positions restart in every county). So the parcels are looked up in the counties whose layer of that kind meets
 * the site's box, matched on all three, and among those inside the site's box; a tie (the same id at the same
 * position in two counties there) goes to the county loaded first. The map's highlight draws the outlines sent here
 * (a GeoJSON source of its own, map/draw/behaviors/highlight.ts), not the server tiles' features, whose ids are the
 * positions (not unique across counties).
 *
 * And what `POST /api/balance` answers the drawing's 占补平衡 (balanceFromDb).
 */
import { type BalanceReport, computeBalance } from '../core/analysis/balance';
import { BALANCE_KINDS, type DrawnFeature, liveOf, type LiveImpact, type PieceRef, supplementInputs, TOUCHED_LIMIT, touchedParcel, touchedPieces } from '../core/engine/drawing';
import { type FullImpactWire, type ImpactReportWire, reportToWire } from '../core/engine/impactWire';
import { geometryBBox } from '../core/index/spatialIndex';
import type { AreaGeometry, BBox, ParcelAttrs } from '../core/types';
import type { Pool } from './db';
import { impactFromDb } from './impactDb';
import { layersInBox } from './parcels';

const now = () => performance.now();

export async function liveImpactFromDb(pool: Pool, site: readonly AreaGeometry[]): Promise<LiveImpact> {
  const t0 = now();
  // the live figures are sums: the cells' parcel ids need not travel (a 20 km site's ~85k)
  const { report } = await impactFromDb(pool, site, undefined, { withIds: false });
  return { ...liveOf(report), computeMs: now() - t0, by: 'server' };
}

export async function fullImpactFromDb(pool: Pool, site: readonly AreaGeometry[], opts: { limit?: number; regionCode?: string } = {}): Promise<FullImpactWire> {
  const t0 = now();
  const { report } = await impactFromDb(pool, site, undefined, opts.regionCode ? { regionCode: opts.regionCode } : {});
  const picked = touchedPieces(report, opts.limit ?? TOUCHED_LIMIT);
  const found = await pieceParcels(pool, report.layers, [...picked.touched, ...picked.highlight], picked.touched.length, siteBox(site));
  const touched = picked.touched.map((r, i) => touchedParcel(report, r, report.layers[r.layer].parcelIds[r.k], found[i]?.attrs ?? {}));
  const highlight = picked.highlight.flatMap((r, j) => {
    const g = found[picked.touched.length + j]?.geometry;
    return g ? [{ kind: report.layers[r.layer].kind, geometry: g }] : [];
  });
  return { report: reportToWire(report), touched, touchedTotal: picked.total, highlight, computeMs: now() - t0 };
}

/**
 * 占补平衡 of supplements against a site (what the worker's `drawBalance` answers on files): the site's impact from
 * the database, the supplements checked by the engine's computeBalance against the parcels of the layers it reads
 * (BALANCE_KINDS) whose box meets the supplements' box — every parcel a supplement can touch, overlaps among them
 * included (parcels.ts layersInBox).
 */
export async function balanceFromDb(
  pool: Pool,
  site: readonly AreaGeometry[],
  supplements: readonly DrawnFeature[],
  opts: { regionCode?: string } = {},
): Promise<{ balance: BalanceReport; impact: ImpactReportWire }> {
  const pieces = supplementInputs(supplements);
  const [{ report }, layers] = await Promise.all([
    impactFromDb(pool, site, undefined, opts.regionCode ? { regionCode: opts.regionCode } : {}),
    pieces.length ? layersInBox(pool, siteBox(pieces.map((p) => p.geometry)), BALANCE_KINDS) : Promise.resolve([]),
  ]);
  return { balance: computeBalance(report, pieces, layers), impact: reportToWire(report) };
}

function siteBox(site: readonly AreaGeometry[]): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of site) {
    const x = geometryBBox(g);
    b[0] = Math.min(b[0], x[0]);
    b[1] = Math.min(b[1], x[1]);
    b[2] = Math.max(b[2], x[2]);
    b[3] = Math.max(b[3], x[3]);
  }
  return b;
}

/**
 * The parcels of pieces (aligned with `refs`): attributes for all, the outline (to 1e-7°, ≈ 1 cm) for those at
 * `geometryFrom` and after. Undefined where no parcel matched.
 */
async function pieceParcels(
  pool: Pool,
  layers: readonly { kind: string; pieceIndex: ArrayLike<number>; parcelIds: readonly string[] }[],
  refs: readonly PieceRef[],
  geometryFrom: number,
  box: BBox,
): Promise<({ attrs: ParcelAttrs; geometry?: AreaGeometry } | undefined)[]> {
  const out: ({ attrs: ParcelAttrs; geometry?: AreaGeometry } | undefined)[] = new Array(refs.length);
  if (refs.length === 0) return out;
  const r = await pool.query<{ i: string; attrs: ParcelAttrs; geometry: AreaGeometry | null }>(
    `WITH r AS (SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bool[]) WITH ORDINALITY AS r(kind, pos, pid, g, i)),
     c AS (SELECT l.county, l.kind, k.ord FROM fa_layer l JOIN fa_county k ON k.county = l.county
           WHERE l.features > 0 AND l.bbox[1] <= $7 AND l.bbox[3] >= $5 AND l.bbox[2] <= $8 AND l.bbox[4] >= $6)
     SELECT DISTINCT ON (r.i) r.i, p.attrs, CASE WHEN r.g THEN ST_AsGeoJSON(p.geom, 7)::json END AS geometry
     FROM r JOIN c ON c.kind = r.kind JOIN fa_parcel p ON p.county = c.county AND p.kind = r.kind AND p.pos = r.pos
     WHERE p.pid = r.pid AND p.geom && ST_MakeEnvelope($5, $6, $7, $8, 4490)
     ORDER BY r.i, c.ord`,
    [
      refs.map((x) => layers[x.layer].kind),
      refs.map((x) => layers[x.layer].pieceIndex[x.k]),
      refs.map((x) => layers[x.layer].parcelIds[x.k]),
      refs.map((_x, i) => i >= geometryFrom),
      ...box,
    ],
  );
  for (const row of r.rows) out[Number(row.i) - 1] = { attrs: row.attrs, ...(row.geometry ? { geometry: row.geometry } : {}) };
  return out;
}
