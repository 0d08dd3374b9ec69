/** Save a Blob as a file through a temporary link (works offline, no server round trip). */
export function downloadBlob(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Make a file (in the worker) and save it; a failure is handed to `onError` as its message (the button's panel
 * shows it), never lost in the console.
 */
export async function saveMade(make: () => Promise<{ bytes: ArrayBuffer; file: string; mime?: string }>, onError: (message: string) => void): Promise<void> {
  try {
    const res = await make();
    downloadBlob(new Blob([res.bytes], res.mime ? { type: res.mime } : {}), res.file);
  } catch (err) {
    onError(err instanceof Error ? err.message : String(err));
  }
}
