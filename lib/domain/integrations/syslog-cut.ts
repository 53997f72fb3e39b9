// Cutting text to a byte budget without breaking it: never inside a UTF-8 character (whole code
// points only) and never inside a backslash escape (CEF's `\=`, JSON's `\"` or `\u00e9`), so what
// a receiver gets is still valid UTF-8 and every escape it sees is whole.

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

function codePointBytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** The longest prefix of whole code points that fits in `maxBytes` of UTF-8. */
function prefixWithinBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = codePointBytes(char.codePointAt(0) ?? 0);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

function trailingBackslashes(text: string): number {
  let n = 0;
  while (n < text.length && text[text.length - 1 - n] === "\\") n++;
  return n;
}

/** Drops a dangling escape: an odd run of backslashes at the end, or a JSON `\u` missing digits. */
function withoutDanglingEscape(text: string): string {
  let cut = text;
  if (trailingBackslashes(cut) % 2 === 1) cut = cut.slice(0, -1);
  const unicode = /\\u[0-9a-fA-F]{0,3}$/.exec(cut);
  if (unicode && trailingBackslashes(cut.slice(0, unicode.index + 1)) % 2 === 1) {
    cut = cut.slice(0, unicode.index);
  }
  return cut;
}

/** `text` cut to at most `maxBytes` of UTF-8, at a safe place; unchanged when it fits. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  return withoutDanglingEscape(prefixWithinBytes(text, Math.max(0, maxBytes)));
}

/** At most `max` UTF-16 units, never ending in half of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
