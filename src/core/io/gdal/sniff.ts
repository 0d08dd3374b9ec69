/**
 * Telling a GeoPackage or a File Geodatabase by content, not by name: a GeoPackage is an SQLite database (its
 * 16-byte header "SQLite format 3\0"; application_id "GPKG" at offset 68 in GeoPackage ≥ 1.2); a File Geodatabase
 * is a folder "*.gdb" of a00000001.gdbtable … files — in a zip, either under a "*.gdb/" folder or bare.
 */

const SQLITE = 'SQLite format 3\u0000';

export function isSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < 100) return false;
  for (let i = 0; i < SQLITE.length; i++) if (bytes[i] !== SQLITE.charCodeAt(i)) return false;
  return true;
}

/** "GPKG" / "GP10" / "GP11" application id (big-endian at 68), or undefined for a plain SQLite file. */
export function sqliteApplicationId(bytes: Uint8Array): string | undefined {
  if (!isSqlite(bytes)) return undefined;
  const id = String.fromCharCode(bytes[68], bytes[69], bytes[70], bytes[71]);
  return /^[A-Z0-9]{4}$/.test(id) ? id : undefined;
}

/**
 * The File Geodatabase folders among a zip's entry names: each distinct "…/name.gdb" prefix of a .gdbtable file;
 * a zip of the folder's contents alone (no "*.gdb/" in the path) gives the folder "" (the zip root).
 */
export function gdbFolders(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    if (!/\.gdbtable$/i.test(n)) continue;
    const parts = n.split(/[/\\]/);
    parts.pop();
    const i = parts.findLastIndex((p) => /\.gdb$/i.test(p));
    out.add(i >= 0 ? parts.slice(0, i + 1).join('/') : parts.join('/'));
  }
  return [...out].sort();
}
