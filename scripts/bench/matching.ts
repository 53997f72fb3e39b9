// npm run bench:matching — recall and false matches on the spelling test set
// (scripts/bench/device-spellings.json: devices named as they name themselves, against the
// bundled CISA advisories). Recall counts a CVE found as affected or as a possible match.
import { scoreSpellings } from "./matching-set";

const verbose = process.argv.includes("--verbose");
const s = scoreSpellings();
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

for (const r of s.results) {
  const bad = r.missed.length || r.falseAffected.length || r.falsePossible.length;
  if (!bad && !verbose) continue;
  console.log(`${r.id}: expected ${r.expected.length}, affected ${r.sure.length}, possible ${r.possible.length}, missed ${r.missed.length}${r.falseAffected.length ? `, FALSE affected ${r.falseAffected.join(" ")}` : ""}${r.falsePossible.length ? `, false possible ${r.falsePossible.join(" ")}` : ""}`);
}
console.log(`\n${s.cases} spellings over ${s.advisories} advisories, ${s.expected} CVE findings expected`);
console.log(`recall          ${s.found}/${s.expected} = ${pct(s.recall)} (as affected: ${s.foundSure}, as possible match: ${s.found - s.foundSure})`);
console.log(`possible share  ${pct(s.possibleShare)} of what was found`);
console.log(`false matches   ${s.falseAffected} affected, ${s.falsePossible} possible`);
