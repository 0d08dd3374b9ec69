/**
 * A saved workspace (issue 16 §2): the demo county is one workspace, the user's own data another. What is kept is
 * each imported file's own bytes with the kind and options it was read with (EPSG, encoding, field mapping, table):
 * restoring re-reads them through the same engine path, so the totals after a reload are the totals before it.
 */
import type { LayerKind } from '../../core/types';
import type { Region } from '../../core/types';
import type { ImportOptions, Settings } from '../store';
import type { ViewState } from '../slices/types';

export interface SavedImport {
  /** The file's name as imported ("sandiao.gdb.zip"). */
  file: string;
  /** The file's bytes (IndexedDB stores ArrayBuffers natively). */
  bytes: ArrayBuffer;
  kind: LayerKind | 'auto';
  options: ImportOptions;
  visible: boolean;
  opacity: number;
  /** false: left out of "my county" (on the map, out of the totals). */
  inTotals?: boolean;
}

export interface SavedWorkspace {
  version: 1;
  /** 'demo': the demo county plus anything added to it; 'user': only the user's imports. */
  kind: 'demo' | 'user';
  name: string;
  savedAt: string;
  imports: SavedImport[];
  /** Demo (manifest) layers the user left out of "my county", by layer id. */
  excludedDemo?: string[];
  settings?: Settings;
  /** The user's targets table (docs/targets-format.md), its name and bytes, re-read at restore. */
  targets?: { file: string; bytes: ArrayBuffer };
  /** The region filter (county / township / village) in force. */
  region?: Region;
  /** Where the map looked. */
  view?: ViewState;
}

export const WORKSPACE_VERSION = 1;
