// FIRST EPSS scores, CSV: "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000", then
// "cve,epss,percentile" and one line per CVE. Read line by line (the real file has ~300k lines);
// the first bad line is reported by number and the file refused.
export type EpssFile = { modelVersion: string; scoreDate: Date; scores: { cve: string; epss: number; percentile: number }[] };
export type EpssResult = { ok: true; file: EpssFile } | { ok: false; line: number; message: string };

const CVE = /^CVE-\d{4}-\d{4,}$/;
const probability = (s: string) => (/^(?:0(?:\.\d+)?|1(?:\.0+)?|\d?\.\d+(?:e-\d+)?)$/i.test(s.trim()) ? Number(s) : NaN);

export function readEpss(csv: string): EpssResult {
  const lines = csv.split(/\r?\n/);
  const meta = /^#\s*model_version:([^,\s]+),\s*score_date:(\S+)\s*$/.exec(lines[0] ?? "");
  if (!meta) return { ok: false, line: 1, message: 'the first line must be "#model_version:…,score_date:…"' };
  const scoreDate = new Date(meta[2].replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  if (Number.isNaN(scoreDate.getTime())) return { ok: false, line: 1, message: `score_date "${meta[2]}" is not a date` };
  if ((lines[1] ?? "").trim().toLowerCase() !== "cve,epss,percentile") return { ok: false, line: 2, message: 'the header must be "cve,epss,percentile"' };
  const scores: EpssFile["scores"] = [];
  const seen = new Set<string>();
  for (let i = 2; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const [cve, epss, percentile, extra] = lines[i].split(",");
    const e = probability(epss ?? ""), p = probability(percentile ?? "");
    if (extra !== undefined || !CVE.test(cve ?? "")) return { ok: false, line: i + 1, message: `expected "CVE-…,epss,percentile", got "${lines[i].slice(0, 80)}"` };
    if (!(e >= 0 && e <= 1) || !(p >= 0 && p <= 1)) return { ok: false, line: i + 1, message: `${cve}: epss and percentile must be numbers from 0 to 1` };
    if (seen.has(cve)) return { ok: false, line: i + 1, message: `${cve} appears twice` };
    seen.add(cve);
    scores.push({ cve, epss: e, percentile: p });
  }
  return { ok: true, file: { modelVersion: meta[1], scoreDate, scores } };
}
