// Reading a CEF line back, as a SIEM does: the seven header fields split on unescaped pipes, the
// extension split at each unescaped `key=` that follows a space, every escape undone. The tests
// use it to prove what the dashboard writes comes back exactly; it is the receiver's view.

export type CefRecord = { header: string[]; extension: Record<string, string> };

function unescapeValue(raw: string): string {
  return raw.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
}

function precededByEscape(text: string, index: number): boolean {
  let slashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === "\\"; i--) slashes++;
  return slashes % 2 === 1;
}

export function readCefExtension(extension: string): Record<string, string> {
  const keys: { key: string; start: number; valueStart: number }[] = [];
  for (const m of extension.matchAll(/(?:^| )([A-Za-z0-9_]+)=/g)) {
    const equals = m.index + m[0].length - 1;
    if (!precededByEscape(extension, equals)) keys.push({ key: m[1], start: m.index, valueStart: equals + 1 });
  }
  const out: Record<string, string> = {};
  keys.forEach((k, i) => {
    out[k.key] = unescapeValue(extension.slice(k.valueStart, i + 1 < keys.length ? keys[i + 1].start : extension.length));
  });
  return out;
}

/** Null when `line` does not start with a CEF header of seven fields. */
export function readCef(line: string): CefRecord | null {
  const header: string[] = [];
  let field = "";
  let i = 0;
  for (; i < line.length && header.length < 7; i++) {
    if (line[i] === "\\" && i + 1 < line.length) field += line[++i];
    else if (line[i] === "|") {
      header.push(field);
      field = "";
    } else field += line[i];
  }
  if (header.length < 7 || header[0] !== "CEF:0") return null;
  return { header, extension: readCefExtension(line.slice(i)) };
}
