/**
 * Formats people send that the importer does not read, recognised by signature or extension, so the message
 * names the format and says what to do instead of "not a text file" or "no .shp found".
 */

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** First `n` bytes as Latin-1 text (enough to sniff XML / DXF headers). */
const head = (b: Uint8Array, n: number): string => {
  let s = '';
  for (let i = 0; i < Math.min(n, b.length); i++) s += String.fromCharCode(b[i]);
  return s.replace(/^\u00ef\u00bb\u00bf/, '');
};

interface Known {
  zh: string;
  en: string;
}

const SHP_HINT: Known = {
  zh: '请在 GIS 软件中导出为 Shapefile（.zip，含 .shp/.shx/.dbf/.prj）或 GeoJSON 后再导入',
  en: 'export it to a Shapefile (zipped .shp/.shx/.dbf/.prj) or GeoJSON in a GIS program and import that',
};

const ARCHIVE_HINT: Known = {
  zh: '请解压后导入其中的 .shp（连同 .shx/.dbf/.prj/.cpg），或重新打包为 .zip',
  en: 'unpack it and import the .shp (with its .shx/.dbf/.prj/.cpg), or pack them into a .zip',
};

function message(file: string, zh: string, en: string, hint: Known): string {
  return `${file}: ${zh}，不支持；${hint.zh} / ${en} not supported: ${hint.en}`;
}

/** A message when the bytes (or the name) are a format we do not read; undefined otherwise. */
export function unsupportedFormat(file: string, bytes: Uint8Array): string | undefined {
  const name = file.toLowerCase();
  if (startsWith(bytes, [0x75, 0x73, 0x74, 0x61, 0x72], 257) || /\.tar$/.test(name))
    return message(file, '这是 tar 归档', 'tar archives are', ARCHIVE_HINT);
  if (startsWith(bytes, [0x1f, 0x8b]) || /\.(tgz|gz)$/.test(name))
    return message(file, `这是 gzip 压缩文件${/\.(tgz|tar\.gz)$/.test(name) ? '（tar.gz）' : ''}`, `gzip-compressed files${/\.(tgz|tar\.gz)$/.test(name) ? ' (tar.gz)' : ''} are`, ARCHIVE_HINT);
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || /\.7z$/.test(name)) return message(file, '这是 7z 归档', '7z archives are', ARCHIVE_HINT);
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) || /\.rar$/.test(name)) return message(file, '这是 RAR 归档', 'RAR archives are', ARCHIVE_HINT);
  if (startsWith(bytes, [0x42, 0x5a, 0x68]) || /\.bz2$/.test(name)) return message(file, '这是 bzip2 压缩文件', 'bzip2-compressed files are', ARCHIVE_HINT);
  if (/\.kmz$/.test(name)) return message(file, '这是 KMZ（Google Earth）文件', 'KMZ (Google Earth) files are', SHP_HINT);
  const text = head(bytes, 1024);
  if (/\.kml$/.test(name) || (/^\s*<\?xml/.test(text) && /<kml[\s>]/.test(text)) || /^\s*<kml[\s>]/.test(text))
    return message(file, '这是 KML（Google Earth）文件', 'KML (Google Earth) files are', SHP_HINT);
  if (/\.dxf$/.test(name) || /^\s*0\r?\n(SECTION|\$ACADVER)/.test(text) || text.startsWith('AutoCAD Binary DXF'))
    return message(file, '这是 DXF（CAD）文件', 'DXF (CAD drawing) files are', SHP_HINT);
  if (/\.dwg$/.test(name) || /^AC10\d\d/.test(text)) return message(file, '这是 DWG（AutoCAD 图纸）文件', 'DWG (AutoCAD drawing) files are', SHP_HINT);
  return undefined;
}
