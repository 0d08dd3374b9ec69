/**
 * Whether a URL or file name is a layer pack's (`.fpk`, or `.fpk.gz`, before any query or fragment; flatPack.ts):
 * the app lets the engine worker fetch such a first layer whole (state/slices/data.ts), and app/boot.ts has it
 * start that download before the app's bundle has run.
 *
 * @param url - a URL or file name
 * @returns whether it names a layer pack
 * @example
 * isLayerPackUrl('county/cultivated.fpk?v=2'); // true
 */
export const isLayerPackUrl = (url: string): boolean => /\.fpk(\.gz)?([?#]|$)/i.test(url);
