// Seeded randomness for the simulator. Everything the simulator generates comes from here, so
// the same seed always builds the same hospital and the same reports (Math.random never does).

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts: derives independent, stable sub-seeds (per device, per round). */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator for one purpose, independent of how much randomness other purposes consumed. */
export const rngFor = (...parts: (string | number)[]): Rng => mulberry32(hashSeed(...parts));

export const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

export function pickWeighted<T>(rng: Rng, items: readonly { value: T; weight: number }[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let r = rng() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item.value;
  }
  return items[items.length - 1].value;
}

/** Value ± fraction, e.g. jitter(rng, 410, 0.02) is within 2 % of 410. */
export const jitter = (rng: Rng, value: number, fraction: number): number => value * (1 + (rng() * 2 - 1) * fraction);

const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"; // no I or O: vendors avoid them in serials
const HEX = "0123456789ABCDEF";

/** Fills a serial template: '#' digit, '@' letter, '%' hex digit, anything else kept. */
export function fillTemplate(rng: Rng, template: string): string {
  let out = "";
  for (const ch of template) {
    if (ch === "#") out += String(Math.floor(rng() * 10));
    else if (ch === "@") out += pick(rng, [...LETTERS]);
    else if (ch === "%") out += pick(rng, [...HEX]);
    else out += ch;
  }
  return out;
}

/**
 * Largest-remainder split of a total by weights: exact integer counts that sum to the total,
 * so "--devices 5000" really yields 5000 devices.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k].i] += 1;
  return counts;
}
