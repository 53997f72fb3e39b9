// One progress bar look for every long CLI (imports, recomputes, seeding), on stderr so that
// stdout stays machine-readable; silent when stderr is not a terminal (CI logs, pipes).
import { SingleBar, Presets } from "cli-progress";

export type Progress = { update: (done: number, total: number, label?: string) => void; stop: () => void };

export function progressBar(title: string): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: `${title} [{bar}] {percentage}% {value}/{total} {label}`, stream: process.stderr, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total, label = "") {
      if (!started) {
        bar.start(Math.max(total, 1), 0, { label });
        started = true;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { label: label.slice(0, 40) });
    },
    stop: () => started && bar.stop(),
  };
}
