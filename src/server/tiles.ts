/**
 * Vector tiles from PostGIS. At and above a layer's detail zoom: ST_AsMVT over the stored EPSG:3857 column
 * (ST_AsMVTGeom clips with a 64-unit buffer at extent 4096, as the browser's cutter does). Below it: coverage cells
 * pre-aggregated at load (fa_cell, 32 × 32 per tile, parcels by bbox centre) encoded by the browser path's own MVT
 * writer, so the map draws the same cells whether the tiles come from the worker or the server.
 */
import type { Pool } from './db';
import { AGG_GRID_LOG2, AGG_LAYER, encodeTile, MAX_ZOOM, MvtLayerWriter, PARCEL_LAYER } from './engine';

export interface TileRequest {
  kind: string;
  z: number;
  x: number;
  y: number;
}

/** The zoom from which a kind's tiles carry parcels (the highest of its counties'), or null when not loaded. */
export async function detailZoom(pool: Pool, kind: string): Promise<number | null> {
  const r = await pool.query<{ z: number | null }>('SELECT max(detail_min_zoom) AS z FROM fa_layer WHERE kind = $1', [kind]);
  return r.rows[0]?.z ?? null;
}

export function validTile(z: number, x: number, y: number): boolean {
  return Number.isInteger(z) && Number.isInteger(x) && Number.isInteger(y) && z >= 0 && z <= MAX_ZOOM && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z;
}

/** MVT bytes (possibly empty) of a tile, and how many features it holds. */
export async function tile(pool: Pool, t: TileRequest, detail?: number | null): Promise<{ bytes: Buffer; features: number; layer: string }> {
  const dz = detail === undefined ? await detailZoom(pool, t.kind) : detail;
  if (dz === null) return { bytes: Buffer.alloc(0), features: 0, layer: PARCEL_LAYER };
  if (t.z >= dz) {
    const r = await pool.query<{ mvt: Buffer; n: string }>(
      `WITH b AS (SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AS benv),
       t AS (
         SELECT p.pos AS id, p.gddj, p.gdpdjb, ST_AsMVTGeom(p.geom3857, b.env, 4096, 64, true) AS geom
         FROM fa_parcel p, b WHERE p.kind = $4 AND p.geom3857 && b.benv
       )
       SELECT ST_AsMVT(t.*, '${PARCEL_LAYER}', 4096, 'geom', 'id') AS mvt, count(*) AS n FROM t WHERE t.geom IS NOT NULL`,
      [t.z, t.x, t.y, t.kind],
    );
    return { bytes: r.rows[0].mvt, features: Number(r.rows[0].n), layer: PARCEL_LAYER };
  }
  const G = 2 ** AGG_GRID_LOG2;
  const r = await pool.query<{ gx: number; gy: number; n: string; area: number }>(
    `SELECT gx, gy, sum(n) AS n, sum(area) AS area FROM fa_cell
     WHERE kind = $1 AND z = $2 AND gx BETWEEN $3 AND $4 AND gy BETWEEN $5 AND $6 GROUP BY gx, gy ORDER BY gy, gx`,
    [t.kind, t.z, t.x * G, t.x * G + G - 1, t.y * G, t.y * G + G - 1],
  );
  const extent = 4096;
  const step = extent / G;
  const cellArea = (1 / (2 ** t.z * G)) ** 2;
  const out = new MvtLayerWriter(AGG_LAYER, extent);
  for (const c of r.rows) {
    const gx = c.gx - t.x * G;
    const gy = c.gy - t.y * G;
    const x0 = Math.round(gx * step);
    const y0 = Math.round(gy * step);
    const x1 = Math.round((gx + 1) * step);
    const y1 = Math.round((gy + 1) * step);
    const share = Math.min(1, Math.round((c.area / cellArea) * 1000) / 1000);
    out.add({ rings: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], props: { n: Number(c.n), share } });
  }
  const bytes = encodeTile([out]);
  return { bytes: bytes ? Buffer.from(bytes) : Buffer.alloc(0), features: r.rowCount ?? 0, layer: AGG_LAYER };
}
