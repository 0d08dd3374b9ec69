/**
 * .shp reader for polygon Shapefiles (Polygon 5, PolygonZ 15, PolygonM 25; Null shapes kept as null so record
 * numbers stay aligned with the .dbf). Bytes in, native-coordinate rings out; problems are returned, never thrown.
 *
 * Records are located the way GDAL's shapelib does: through the .shx (offset and length of each record), so
 * junk between records, zero padding after the last one and a header length that disagrees with the file size
 * do not matter. Without a .shx the index is rebuilt by walking the .shp from record to record (GDAL does the
 * same with SHAPE_RESTORE_SHX=YES), and the caller is told so.
 *
 * A damaged record (part indices out of order or out of range, a point count past the end of the record, NaN
 * or infinite coordinates, a record past the end of the file) gets an entry in `recordErrors` and no geometry;
 * the other records still load. Only a damaged header is fatal (`error`).
 */
import type { BBox } from '../types';
import type { RingCoords } from './rings';

export const SHAPE_TYPES: Record<number, string> = {
  0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint', 11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ',
  18: 'MultiPointZ', 21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};

const POLYGON_TYPES = new Set([5, 15, 25]);

/** No coordinate system we know reaches 1e9 (metres or degrees): such a value is damage, not a projection. */
export const WILD = 1e9;

export interface ShpRecordError {
  /** 0-based record index. */
  index: number;
  /** zh / en, without the file name (the caller adds it). */
  message: string;
  /** The record lies (partly) past the end of a truncated .shp. */
  truncated?: boolean;
}

export interface ShpRead {
  shapeType: number;
  /** Native bbox from the header. */
  bbox: BBox;
  /** One entry per record: its parts (rings) in native coordinates, or null (Null shape or damaged record). */
  records: (RingCoords[] | null)[];
  /** Damaged records: no geometry, the rest of the file loads. */
  recordErrors: ShpRecordError[];
  /** Fatal problem (the records read before it are kept). */
  error?: string;
  /** Non-fatal notes. */
  warnings: string[];
  /** How records were located: through the .shx, or by walking the .shp (no usable .shx). */
  indexedBy: 'shx' | 'scan';
}

const shapeName = (t: number): string => `${SHAPE_TYPES[t] ?? 'unknown'} (${t})`;

/** Offsets and content lengths (bytes) from a .shx, or an error text. */
export function readShx(bytes: Uint8Array): { offsets: Int32Array; lengths: Int32Array } | { error: string } {
  if (bytes.length < 100) return { error: `.shx 已截断（${bytes.length} 字节） / .shx truncated (${bytes.length} bytes)` };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994) return { error: '.shx 文件头标识不是 9994 / .shx header file code is not 9994' };
  const declared = dv.getInt32(24, false) * 2;
  const n = Math.max(0, Math.floor((Math.min(bytes.length, declared > 100 ? declared : bytes.length) - 100) / 8));
  const offsets = new Int32Array(n);
  const lengths = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    offsets[i] = dv.getInt32(100 + 8 * i, false) * 2;
    lengths[i] = dv.getInt32(104 + 8 * i, false) * 2;
  }
  return { offsets, lengths };
}

/** Record count the .shx declares, or an error text. */
export function shxRecordCount(bytes: Uint8Array): number | { error: string } {
  const r = readShx(bytes);
  return 'error' in r ? r : r.offsets.length;
}

/** The record's rings, null for a Null shape, or why it is damaged (a string). */
type RecordResult = RingCoords[] | null | string;

/** Parse one record's content (starting at its shape type), `len` bytes at `c`. */
function parseRecord(dv: DataView, c: number, len: number): RecordResult {
  if (len < 4) return `记录长度只有 ${len} 字节 / record is only ${len} bytes long`;
  const type = dv.getInt32(c, true);
  if (type === 0) return null;
  if (!POLYGON_TYPES.has(type)) return `类型是 ${shapeName(type)}，不是面 / shape type is ${shapeName(type)}, not a polygon`;
  if (len < 44) return `记录太短（${len} 字节） / record too short (${len} bytes)`;
  const numParts = dv.getInt32(c + 36, true);
  const numPoints = dv.getInt32(c + 40, true);
  const partsAt = c + 44;
  if (numParts < 0 || numPoints < 0 || numParts > len / 4)
    return `部分数 ${numParts} / 点数 ${numPoints} 不合理 / implausible counts: ${numParts} parts, ${numPoints} points`;
  const pointsAt = partsAt + 4 * numParts;
  if (44 + 4 * numParts + 16 * numPoints > len)
    return (
        `${numParts} 个部分、${numPoints} 个点超出记录长度 ${len} 字节 / ${numParts} parts and ${numPoints} points run past the record's ${len} bytes`
      );
  if (numParts === 0 || numPoints === 0) return [];
  const rings: RingCoords[] = [];
  for (let k = 0; k < numParts; k++) {
    const from = dv.getInt32(partsAt + 4 * k, true);
    const to = k + 1 < numParts ? dv.getInt32(partsAt + 4 * (k + 1), true) : numPoints;
    if (k === 0 && from !== 0)
      return `第 1 个部分从第 ${from} 个点开始（应为 0），部分索引损坏 / part 1 starts at point ${from} instead of 0: corrupt part index`;
    if (from < 0 || from >= numPoints || to > numPoints || from > to)
      return (
        `部分索引损坏：第 ${k + 1} 个部分为点 ${from}…${to}（共 ${numPoints} 个点，索引须递增） / ` +
          `corrupt part index: part ${k + 1} spans points ${from}…${to} of ${numPoints} (indices must increase)`
      );
    const ring: number[][] = new Array(to - from);
    for (let i = from; i < to; i++) {
      const q = pointsAt + 16 * i;
      const x = dv.getFloat64(q, true);
      const y = dv.getFloat64(q + 8, true);
      // One comparison chain catches NaN (every comparison false), ±Infinity and wild values alike.
      if (!(x >= -WILD && x <= WILD && y >= -WILD && y <= WILD)) {
        if (!Number.isFinite(x) || !Number.isFinite(y))
          return `第 ${i + 1} 个点的坐标不是有限数 (${x}, ${y}) / point ${i + 1} has a non-finite coordinate (${x}, ${y})`;
        return `第 ${i + 1} 个点的坐标 (${x}, ${y}) 超出任何坐标系的范围 / point ${i + 1} (${x}, ${y}) is beyond the range of any coordinate system`;
      }
      ring[i - from] = [x, y];
    }
    rings.push(ring);
  }
  return rings;
}

function allZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Read the polygon records. `shx` is the .shx bytes when there is one: records are then located through it;
 * without it (or when it is unusable) the .shp is walked record by record and a warning says the index was rebuilt.
 */
export function readShp(bytes: Uint8Array, onProgress?: (fraction: number) => void, shx?: Uint8Array): ShpRead {
  const empty: ShpRead = { shapeType: 0, bbox: [0, 0, 0, 0], records: [], recordErrors: [], warnings: [], indexedBy: 'scan' };
  if (bytes.length === 0) return { ...empty, error: '.shp 是空文件 / .shp is empty (0 bytes)' };
  if (bytes.length < 100) return { ...empty, error: `.shp 只有 ${bytes.length} 字节，文件头不完整（已截断） / .shp truncated: ${bytes.length} bytes, the 100-byte header is incomplete` };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994)
    return { ...empty, error: '.shp 文件头标识不是 9994，不是 Shapefile / .shp header file code is not 9994: not a Shapefile' };
  const declared = dv.getInt32(24, false) * 2;
  const shapeType = dv.getInt32(32, true);
  const bbox: BBox = [dv.getFloat64(36, true), dv.getFloat64(44, true), dv.getFloat64(52, true), dv.getFloat64(60, true)];
  const out: ShpRead = { shapeType, bbox, records: [], recordErrors: [], warnings: [], indexedBy: 'shx' };
  if (!POLYGON_TYPES.has(shapeType) && shapeType !== 0) {
    out.error = `只支持面图层，此文件是 ${shapeName(shapeType)} / only polygon layers are supported; this file holds ${shapeName(shapeType)} shapes`;
    return out;
  }
  const fail = (index: number, why: string, truncated = false): void => {
    out.records.push(null);
    out.recordErrors.push({
      index,
      message: `第 ${index + 1} 条记录损坏，不读取其图形：${why.split(' / ')[0]} / record ${index + 1} is damaged and gets no geometry: ${why.split(' / ')[1] ?? why}`,
      ...(truncated ? { truncated } : {}),
    });
  };
  const index = shx ? readShx(shx) : undefined;
  if (index && 'error' in index) out.warnings.push(`${index.error}；改为顺序读取 .shp / reading the .shp sequentially instead`);
  if (index && !('error' in index)) {
    const n = index.offsets.length;
    const step = Math.max(1, Math.floor(n / 50));
    for (let i = 0; i < n; i++) {
      const o = index.offsets[i];
      const len = index.lengths[i];
      if (o < 100 || o + 8 + len > bytes.length) {
        const cut = declared > bytes.length;
        fail(
          i,
          `.shx 指向偏移 ${o}（${len} 字节），超出 .shp 文件末尾${cut ? `（.shp 已截断：文件头记录长度 ${declared} 字节，实际只有 ${bytes.length} 字节）` : `（${bytes.length} 字节）`} / ` +
            `the .shx points at offset ${o} (${len} bytes), past the end of the .shp${cut ? ` (.shp truncated: header says ${declared} bytes, file has ${bytes.length})` : ` (${bytes.length} bytes)`}`,
          cut,
        );
        continue;
      }
      const r = parseRecord(dv, o + 8, len);
      if (typeof r === 'string') fail(i, r);
      else out.records.push(r);
      if (onProgress && i % step === 0) onProgress(i / n);
    }
    return out;
  }
  // No usable .shx: walk the records.
  out.indexedBy = 'scan';
  if (!shx) out.warnings.push('缺少 .shx，已从 .shp 顺序重建索引 / no .shx: the record index was rebuilt by reading the .shp sequentially');
  const end = declared > 100 && declared <= bytes.length ? declared : bytes.length;
  let p = 100;
  const step = Math.max(1, Math.floor(end / 50));
  let nextReport = step;
  while (p + 8 <= end) {
    const len = dv.getInt32(p + 4, false) * 2;
    const c = p + 8;
    if (len < 4 || c + len > bytes.length) {
      if (allZero(bytes, p, end)) break;
      out.error =
        `.shp 在偏移 ${p} 处损坏或截断（第 ${out.records.length + 1} 条记录的长度 ${len} 字节超出文件末尾，文件头记录长度 ${declared}、实际 ${bytes.length} 字节）；已读出前 ${out.records.length} 条，且没有 .shx 可用来跳过 / ` +
        `.shp damaged or truncated at offset ${p} (record ${out.records.length + 1} claims ${len} bytes, past the end; header says ${declared} bytes, file has ${bytes.length}); ` +
        `${out.records.length} records read and there is no .shx to skip past it`;
      break;
    }
    const r = parseRecord(dv, c, len);
    if (typeof r === 'string') fail(out.records.length, r);
    else out.records.push(r);
    p = c + len;
    if (onProgress && p >= nextReport) {
      onProgress(p / end);
      nextReport = p + step;
    }
  }
  if (!out.error && p < end && !allZero(bytes, p, end)) out.warnings.push(`.shp 末尾有 ${end - p} 字节无法解析，已忽略 / ${end - p} trailing bytes in .shp ignored`);
  return out;
}
