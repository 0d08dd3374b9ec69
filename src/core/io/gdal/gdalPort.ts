/**
 * The port through which core reads GeoPackage and File Geodatabase: the part of gdal3.js (GDAL compiled to
 * WebAssembly, LGPL) that readGdal.ts uses, typed structurally so core never imports the library. The CLI loads it
 * from node_modules (src/cli/gdalNode.ts); the worker loads it on demand, from files Vite bundles
 * (src/worker/gdalBrowser.ts) — never on the first page load.
 */

/** An opened dataset, as gdal3.js returns it (opaque to core). */
export interface GdalDataset {
  pointer: number;
  path: string;
}

/** The emscripten in-memory file system gdal3.js runs on. */
export interface GdalFs {
  writeFile(path: string, data: Uint8Array): void;
  mkdir(path: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  readdir(path: string): string[];
  isDir(mode: number): boolean;
  stat(path: string): { mode: number };
}

export interface GdalPort {
  Module: { FS: GdalFs };
  open(path: string): Promise<{ datasets: GdalDataset[]; errors: unknown[] }>;
  ogrinfo(ds: GdalDataset, options?: string[]): Promise<unknown>;
  ogr2ogr(ds: GdalDataset, options?: string[], outputName?: string): Promise<{ local: string; real: string }>;
  getFileBytes(path: string | { local: string; real: string }): Promise<Uint8Array>;
  close(ds: GdalDataset): Promise<void>;
}

/** Loads GDAL (once); the loader owns caching. */
export type GdalLoader = () => Promise<GdalPort>;

/**
 * GDAL configuration both loaders pass at start. OGR_ARC_STEPSIZE: curves (circular arcs of FileGDB / GeoPackage
 * CURVEPOLYGON) are linearised with a vertex every 0.1° of arc (3600 per circle): the area of a circle then
 * falls short by 1 − sin(2π/n)·n/2π ≈ 5e-7, where GDAL's default 4° step loses 8e-4.
 */
export const GDAL_ENV: Record<string, string> = { OGR_ARC_STEPSIZE: '0.1' };
