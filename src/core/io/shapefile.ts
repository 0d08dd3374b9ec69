/**
 * .shp reader for polygon Shapefiles (Polygon 5, PolygonZ 15, PolygonM 25; Null shapes kept as null so record
 * numbers stay aligned with the .dbf). Reads the main file sequentially; the .shx is only cross-checked.
 * Bytes in, native-coordinate rings out; problems (wrong file, truncation) are returned, never thrown.
 */
import type { BBox } from '../types';
import type { RingCoords } from './rings';

export const SHAPE_TYPES: Record<number, string> = {
  0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint', 11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ',
  18: 'MultiPointZ', 21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};

const POLYGON_TYPES = new Set([5, 15, 25]);

export interface ShpRead {
  shapeType: number;
  /** Native bbox from the header. */
  bbox: BBox;
  /** One entry per record: its parts (rings) in native coordinates, or null for a Null shape. */
  records: (RingCoords[] | null)[];
  /** Fatal problem (the records read before it are kept). */
  error?: string;
  /** Non-fatal notes. */
  warnings: string[];
}

const shapeName = (t: number): string => `${SHAPE_TYPES[t] ?? 'unknown'} (${t})`;

export function readShp(bytes: Uint8Array, onProgress?: (fraction: number) => void): ShpRead {
  const empty: ShpRead = { shapeType: 0, bbox: [0, 0, 0, 0], records: [], warnings: [] };
  if (bytes.length === 0) return { ...empty, error: '.shp 是空文件 / .shp is empty (0 bytes)' };
  if (bytes.length < 100) return { ...empty, error: `.shp 只有 ${bytes.length} 字节，文件头不完整（已截断） / .shp truncated: ${bytes.length} bytes, the 100-byte header is incomplete` };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994)
    return { ...empty, error: '.shp 文件头标识不是 9994，不是 Shapefile / .shp header file code is not 9994: not a Shapefile' };
  const declared = dv.getInt32(24, false) * 2;
  const shapeType = dv.getInt32(32, true);
  const bbox: BBox = [dv.getFloat64(36, true), dv.getFloat64(44, true), dv.getFloat64(52, true), dv.getFloat64(60, true)];
  const out: ShpRead = { shapeType, bbox, records: [], warnings: [] };
  if (!POLYGON_TYPES.has(shapeType) && shapeType !== 0) {
    out.error = `只支持面图层，此文件是 ${shapeName(shapeType)} / only polygon layers are supported; this file holds ${shapeName(shapeType)} shapes`;
    return out;
  }
  const truncated = declared > bytes.length;
  const end = Math.min(bytes.length, declared > 0 ? declared : bytes.length);
  let p = 100;
  let n = 0;
  const step = Math.max(1, Math.floor(end / 50));
  let nextReport = step;
  while (p + 8 <= end) {
    n++;
    const contentBytes = dv.getInt32(p + 4, false) * 2;
    const c = p + 8;
    if (contentBytes < 4 || c + contentBytes > bytes.length) {
      out.error = `第 ${n} 条记录（偏移 ${p}）超出文件末尾 / record ${n} (offset ${p}) runs past the end of the file`;
      break;
    }
    const type = dv.getInt32(c, true);
    if (type === 0) {
      out.records.push(null);
    } else if (!POLYGON_TYPES.has(type)) {
      out.error = `第 ${n} 条记录的类型是 ${shapeName(type)}，不是面 / record ${n} is ${shapeName(type)}, not a polygon`;
      break;
    } else {
      if (contentBytes < 44) {
        out.error = `第 ${n} 条记录太短（${contentBytes} 字节） / record ${n} too short (${contentBytes} bytes)`;
        break;
      }
      const numParts = dv.getInt32(c + 36, true);
      const numPoints = dv.getInt32(c + 40, true);
      const partsAt = c + 44;
      const pointsAt = partsAt + 4 * numParts;
      if (numParts < 0 || numPoints < 0 || pointsAt + 16 * numPoints > c + contentBytes) {
        out.error = `第 ${n} 条记录损坏（${numParts} 个部分、${numPoints} 个点超出记录长度） / record ${n} corrupt (${numParts} parts, ${numPoints} points overrun the record)`;
        break;
      }
      const rings: RingCoords[] = [];
      let badParts = false;
      for (let k = 0; k < numParts; k++) {
        const from = dv.getInt32(partsAt + 4 * k, true);
        const to = k + 1 < numParts ? dv.getInt32(partsAt + 4 * (k + 1), true) : numPoints;
        if (from < 0 || to > numPoints || from > to) {
          out.error = `第 ${n} 条记录的部分索引损坏 / record ${n} has corrupt part indices`;
          badParts = true;
          break;
        }
        const ring: number[][] = new Array(to - from);
        for (let i = from; i < to; i++) {
          const q = pointsAt + 16 * i;
          ring[i - from] = [dv.getFloat64(q, true), dv.getFloat64(q + 8, true)];
        }
        rings.push(ring);
      }
      if (badParts) break;
      out.records.push(rings);
    }
    p = c + contentBytes;
    if (onProgress && p >= nextReport) {
      onProgress(p / end);
      nextReport = p + step;
    }
  }
  if (truncated || (out.error && /超出文件末尾/.test(out.error)))
    out.error =
      `.shp 已截断：文件头记录长度 ${declared} 字节，实际只有 ${bytes.length} 字节；读出 ${out.records.length} 条完整记录` +
      `${out.error ? `，${out.error.split(' / ')[0]}` : ''} / .shp truncated: header says ${declared} bytes, file has ${bytes.length}; ` +
      `${out.records.length} complete records read${out.error ? `, ${out.error.split(' / ')[1]}` : ''}`;
  if (!out.error && p < end) out.warnings.push(`.shp 末尾有 ${end - p} 字节无法解析 / ${end - p} trailing bytes in .shp ignored`);
  return out;
}

/** Record count the .shx declares, or an error text. */
export function shxRecordCount(bytes: Uint8Array): number | { error: string } {
  if (bytes.length < 100) return { error: `.shx 已截断（${bytes.length} 字节） / .shx truncated (${bytes.length} bytes)` };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994) return { error: '.shx 文件头标识不是 9994 / .shx header file code is not 9994' };
  return Math.floor((Math.min(bytes.length, dv.getInt32(24, false) * 2) - 100) / 8);
}
