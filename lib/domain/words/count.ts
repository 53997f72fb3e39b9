// "1 agent", "2 agents", "1,204 devices": a count and its noun, the same way on every page.

/** The count in en-US digits (thousands grouped) and the noun, plural unless the count is 1. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}
