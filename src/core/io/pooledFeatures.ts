/**
 * Feature arrays whose properties a reader made with their strings already shared: the flat GeoJSON scanner's
 * properties parser (propertiesParser.ts) pools each field's values by their bytes, with the string pool's give-up
 * rule, so layers/stringPool.ts poolPropertyStrings leaves such an array alone. Pooling it again only looked every
 * value up once more: ~0.2 s of CPU for the 500k county's 耕地 (issue 14 item 8). An array copied or filtered after
 * reading is not in here and is pooled as before. (A WeakSet of arrays, not a flag on them: nothing to strip when an
 * array is written out, and an array collected leaves nothing behind.)
 */
const pooledByReader = new WeakSet<readonly unknown[]>();

/**
 * Say that `features`' property strings were shared as they were read (a reader's call).
 *
 * @param features - the features array the reader returns
 * @returns the same array
 * @example
 * return { features: markPooled(features), findings: [] };
 */
export function markPooled<T extends readonly unknown[]>(features: T): T {
  pooledByReader.add(features);
  return features;
}

/**
 * Whether a reader said `features`' property strings are shared already (markPooled).
 *
 * @param features - a features array
 * @returns true for an array its reader marked
 * @example
 * isPooled(parseGeoJsonBytes(bytes, 'gd.geojson').features); // true on the flat path
 */
export function isPooled(features: readonly unknown[]): boolean {
  return pooledByReader.has(features);
}
