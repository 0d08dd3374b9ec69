/**
 * Text from a file (zip entry names, .prj text, attribute values) shown inside a message: control characters
 * (C0, DEL, C1) and bidirectional overrides are written as \u{…} so they cannot break the terminal, forge lines
 * or reverse the text around them.
 */
export function escapeControl(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
