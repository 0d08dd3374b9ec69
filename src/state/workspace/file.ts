/**
 * A workspace as one file, so a colleague can open the same view: a zip holding workspace.json (kind, name,
 * settings, and per import: file name, kind, options, visibility) and each imported file's bytes under files/.
 */
import { unzipSync, zipSync } from 'fflate';
import { isLayerKind } from '../../core/layers/kinds';
import type { Region } from '../../core/types';
import type { ViewState } from '../slices/types';
import type { SavedImport, SavedWorkspace } from './types';
import { WORKSPACE_VERSION } from './types';

export const WORKSPACE_FILE_SUFFIX = '.farmland-workspace.zip';

export function workspaceToZip(ws: SavedWorkspace): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const imports = ws.imports.map((im, i) => {
    const path = `files/${i}/${im.file}`;
    files[path] = new Uint8Array(im.bytes);
    return { file: im.file, path, kind: im.kind, options: im.options, visible: im.visible, opacity: im.opacity, inTotals: im.inTotals !== false };
  });
  let targets: { file: string; path: string } | undefined;
  if (ws.targets) {
    targets = { file: ws.targets.file, path: `targets/${ws.targets.file}` };
    files[targets.path] = new Uint8Array(ws.targets.bytes);
  }
  const doc = {
    format: 'farmland-atlas-workspace',
    version: ws.version,
    kind: ws.kind,
    name: ws.name,
    savedAt: ws.savedAt,
    settings: ws.settings,
    excludedDemo: ws.excludedDemo ?? [],
    imports,
    ...(targets ? { targets } : {}),
    ...(ws.region ? { region: ws.region } : {}),
    ...(ws.view ? { view: ws.view } : {}),
  };
  files['workspace.json'] = new TextEncoder().encode(JSON.stringify(doc, null, 2));
  return zipSync(files, { level: 0 });
}

/** Read a workspace file; a message naming the file and what is wrong when it is not one. */
export function workspaceFromZip(name: string, bytes: Uint8Array): SavedWorkspace | { error: string } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return { error: `${name}: 不是工作区文件（zip 无法解压：${e instanceof Error ? e.message : String(e)}） / not a workspace file (cannot unzip)` };
  }
  const json = files['workspace.json'];
  if (!json) return { error: `${name}: 不是工作区文件（缺少 workspace.json） / not a workspace file (no workspace.json)` };
  let doc: {
    format?: unknown;
    version?: unknown;
    kind?: unknown;
    name?: unknown;
    settings?: unknown;
    imports?: unknown;
    excludedDemo?: unknown;
    targets?: unknown;
    region?: unknown;
    view?: unknown;
  };
  try {
    doc = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return { error: `${name}: workspace.json 不是有效的 JSON / workspace.json is not valid JSON` };
  }
  if (doc.format !== 'farmland-atlas-workspace' || doc.version !== WORKSPACE_VERSION)
    return { error: `${name}: 工作区格式或版本不符（需要 farmland-atlas-workspace v${WORKSPACE_VERSION}） / not a farmland-atlas-workspace v${WORKSPACE_VERSION} file` };
  const imports: SavedImport[] = [];
  for (const [i, raw] of (Array.isArray(doc.imports) ? doc.imports : []).entries()) {
    const im = raw as { file?: unknown; path?: unknown; kind?: unknown; options?: unknown; visible?: unknown; opacity?: unknown; inTotals?: unknown };
    const data = typeof im.path === 'string' ? files[im.path] : undefined;
    if (typeof im.file !== 'string' || !data) return { error: `${name}: 第 ${i + 1} 个图层缺少文件 / import ${i + 1}: its file is missing` };
    if (im.kind !== 'auto' && !isLayerKind(im.kind)) return { error: `${name}: 第 ${i + 1} 个图层类型无效 / import ${i + 1}: unknown kind "${String(im.kind)}"` };
    imports.push({
      file: im.file,
      bytes: data.slice().buffer,
      kind: im.kind,
      options: im.options && typeof im.options === 'object' ? (im.options as SavedImport['options']) : {},
      visible: im.visible !== false,
      opacity: typeof im.opacity === 'number' ? im.opacity : 1,
      inTotals: im.inTotals !== false,
    });
  }
  let targets: SavedWorkspace['targets'];
  if (doc.targets !== undefined) {
    const t = doc.targets as { file?: unknown; path?: unknown };
    const data = typeof t.path === 'string' ? files[t.path] : undefined;
    if (typeof t.file !== 'string' || !data) return { error: `${name}: 保护任务表文件缺失 / the targets table's file is missing` };
    targets = { file: t.file, bytes: data.slice().buffer };
  }
  const region = regionOf(doc.region);
  const view = viewOf(doc.view);
  return {
    ...(targets ? { targets } : {}),
    ...(region ? { region } : {}),
    ...(view ? { view } : {}),
    version: WORKSPACE_VERSION,
    kind: doc.kind === 'demo' ? 'demo' : 'user',
    name: typeof doc.name === 'string' ? doc.name : name,
    savedAt: new Date().toISOString(),
    imports,
    excludedDemo: Array.isArray(doc.excludedDemo) ? doc.excludedDemo.filter((x): x is string => typeof x === 'string') : [],
    ...(doc.settings && typeof doc.settings === 'object' ? { settings: doc.settings as SavedWorkspace['settings'] } : {}),
  };
}

const LEVELS = ['county', 'township', 'village'];

/** A saved region filter, if it is one (a level and a code of digits); anything else is ignored. */
function regionOf(raw: unknown): Region | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as { level?: unknown; code?: unknown; name?: unknown };
  if (typeof r.level !== 'string' || !LEVELS.includes(r.level) || typeof r.code !== 'string' || !/^\d+$/.test(r.code)) return undefined;
  return { ...(r as Region) };
}

/** A saved map view, if its numbers are finite and in range; anything else is ignored (the map fits the data). */
function viewOf(raw: unknown): ViewState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const v = raw as { center?: unknown; zoom?: unknown; bearing?: unknown };
  if (!Array.isArray(v.center) || v.center.length !== 2) return undefined;
  const [lon, lat] = v.center as unknown[];
  const ok = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;
  if (!ok(lon, -180, 180) || !ok(lat, -90, 90) || !ok(v.zoom, 0, 24)) return undefined;
  return { center: [lon, lat], zoom: v.zoom, bearing: ok(v.bearing, -360, 360) ? v.bearing : 0 };
}
