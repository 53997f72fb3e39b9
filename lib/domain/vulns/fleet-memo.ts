// A fleet holds many devices of one vendor, model and firmware (and often one segment and one
// clinical context): the risk refresh matches and scores each such group once and remembers the
// answer here. Bounded: cleared when full, so a pass over a million distinct devices stays small.

export class FleetMemo<T> {
  private readonly answers = new Map<string, T>();

  constructor(private readonly limit = 50_000) {}

  /** The answer remembered for `key`, or `compute()`'s, remembered. */
  get(key: string, compute: () => T): T {
    let answer = this.answers.get(key);
    if (answer === undefined) {
      if (this.answers.size >= this.limit) this.answers.clear();
      answer = compute();
      this.answers.set(key, answer);
    }
    return answer;
  }
}
