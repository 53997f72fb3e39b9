// Typing rate of USB keyboards, for the keystroke-injection rule: a "keyboard" that types 900
// characters a second is a script, not a person. It listens to /dev/input/event* and keeps only
// WHEN a character key was pressed: never which key, never the sequence. Nothing typed can be
// rebuilt from what it holds or reports.
import { constants } from "node:fs";
import { open, readdir, readFile, realpath } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { decodeKeyPresses, isKeyboard, PressWindow, usbPortOf } from "./typing-rate-evdev";
import type { AgentObservation, Collector, CollectorProblem, CollectorResult } from "./types";

export const typingRateOptions = z.object({
  enabled: z.boolean().default(false),
  /** The busiest window of this length counts: short enough that an injection burst shows. */
  windowSeconds: z.number().min(0.5).max(60).default(2),
  inputRoot: z.string().max(4096).default("/dev/input"),
  sysfsRoot: z.string().max(4096).default("/sys"),
});
export type TypingRateOptions = z.output<typeof typingRateOptions>;

/** The one file operation the reader needs, injectable so a test can refuse permission. */
export type EventSource = { read(buffer: Buffer): Promise<number>; close(): Promise<void> };
export type TypingRateDeps = { openEvents: (path: string) => Promise<EventSource> };

/** How long an idle reader waits before asking again: presses carry their own timestamps, so this only delays, never skews. */
const IDLE_POLL_MS = 20;

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

const defaultDeps: TypingRateDeps = {
  // O_NONBLOCK: a read with nothing to say returns EAGAIN at once instead of parking one of
  // libuv's four pool threads on the device until someone types.
  async openEvents(path) {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    return {
      read: async (buffer) => {
        try {
          return (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
        } catch (error) {
          if (codeOf(error) === "EAGAIN" || codeOf(error) === "EWOULDBLOCK") return 0;
          throw error;
        }
      },
      close: () => handle.close(),
    };
  },
};

/** One open event device: reads records as they come and feeds press times into its keyboard's window. */
class EventReader {
  private rest: Buffer = Buffer.alloc(0);
  private readonly buffer = Buffer.alloc(24 * 256);
  private running = true;
  private pumping: Promise<void> = Promise.resolve();
  gone = false;
  dropped = false;

  constructor(
    private readonly source: EventSource,
    private readonly window: PressWindow,
  ) {
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (this.running && !this.gone) {
      await this.drain();
      await sleep(IDLE_POLL_MS, undefined, { ref: false });
    }
  }

  /** Reads everything available now. Serialised, so the loop and a collect never read at once. */
  drain(): Promise<void> {
    this.pumping = this.pumping.then(() => this.readAvailable());
    return this.pumping;
  }

  private async readAvailable(): Promise<void> {
    const buffer = this.buffer;
    while (this.running && !this.gone) {
      let bytes: number;
      try {
        bytes = await this.source.read(buffer);
      } catch {
        this.gone = true; // ENODEV: unplugged. Anything else: the device is no longer readable either.
        return;
      }
      if (bytes === 0) return;
      const decoded = decodeKeyPresses(Buffer.concat([this.rest, buffer.subarray(0, bytes)]));
      this.rest = decoded.rest;
      this.dropped ||= decoded.dropped;
      for (const time of decoded.pressTimesUs) this.window.add(time);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.pumping;
    await this.source.close().catch(() => undefined);
  }
}

/** A keyboard on a USB port, with one reader per event node it has (usually one). */
type Keyboard = { vendorId: string; productId: string; window: PressWindow; readers: Map<string, EventReader> };
type FoundKeyboard = { event: string; port: string; vendorId: string; productId: string };

export function typingRateCollector(options: TypingRateOptions, deps: TypingRateDeps = defaultDeps): Collector {
  const classInput = `${options.sysfsRoot}/class/input`;
  const keyboards = new Map<string, Keyboard>();

  /** Every evdev node that is a keyboard on a USB port, as sysfs shows it now. */
  async function findKeyboards(problems: CollectorProblem[]): Promise<FoundKeyboard[]> {
    let names: string[];
    try {
      names = (await readdir(classInput)).filter((name) => /^event\d+$/.test(name));
    } catch (error) {
      problems.push({ where: classInput, message: (error as Error).message });
      return [];
    }
    const found: FoundKeyboard[] = [];
    for (const event of names.sort()) {
      const keyboard = await describe(event).catch(() => null); // unplugged between listing and reading
      if (keyboard) found.push(keyboard);
    }
    return found;
  }

  async function describe(event: string): Promise<FoundKeyboard | null> {
    const read = (path: string) => readFile(path, "utf8");
    // eventN sits in its inputN directory, which holds the capabilities (the kernel's own
    // eventN/device link points there too; going up the real path needs no link).
    const place = await realpath(`${classInput}/${event}`);
    const capabilities = `${dirname(place)}/capabilities`;
    if (!isKeyboard(await read(`${capabilities}/ev`), await read(`${capabilities}/key`))) return null;
    const usb = usbPortOf(place);
    if (!usb) return null;
    const id = async (name: string) => (await read(`${usb.devicePath}/${name}`)).trim().toLowerCase();
    return { event, port: usb.port, vendorId: await id("idVendor"), productId: await id("idProduct") };
  }

  /** Opens new keyboards, closes the ones gone; a keyboard gone with presses unreported stays until the next collect. */
  async function rescan(problems: CollectorProblem[]): Promise<void> {
    const found = await findKeyboards(problems);
    const present = new Set(found.map((k) => `${k.port}/${k.event}`));
    for (const [port, keyboard] of keyboards) {
      for (const [event, reader] of keyboard.readers) {
        if (present.has(`${port}/${event}`) && !reader.gone) continue;
        await reader.stop();
        keyboard.readers.delete(event);
      }
    }
    for (const k of found) {
      const keyboard = keyboards.get(k.port) ?? { vendorId: k.vendorId, productId: k.productId, window: new PressWindow(options.windowSeconds * 1_000_000), readers: new Map() };
      keyboards.set(k.port, keyboard);
      if (keyboard.readers.has(k.event)) continue;
      const path = `${options.inputRoot}/${k.event}`;
      try {
        keyboard.readers.set(k.event, new EventReader(await deps.openEvents(path), keyboard.window));
      } catch (error) {
        problems.push({ where: path, message: openProblem(error) });
      }
    }
  }

  function observationOf(port: string, keyboard: Keyboard, observedAt: string, cps: number): AgentObservation {
    return {
      observedAt,
      channel: "usb",
      claimed: { usb: { vendorId: keyboard.vendorId, productId: keyboard.productId } },
      physical: { usb: { port, keystrokeRateCps: Math.round(cps * 100) / 100 } },
    };
  }

  return {
    name: "typingRate",
    async start() {
      await rescan([]);
    },
    async collect(now: Date): Promise<CollectorResult> {
      const problems: CollectorProblem[] = [];
      const observations: AgentObservation[] = [];
      // Read what is waiting before looking at who left, so a keyboard unplugged after its burst still reports it.
      await Promise.all([...keyboards.values()].flatMap((k) => [...k.readers.values()].map((r) => r.drain())));
      await rescan(problems);
      for (const [port, keyboard] of keyboards) {
        const { cps, typed } = keyboard.window.take();
        const present = keyboard.readers.size > 0;
        if (present || typed) observations.push(observationOf(port, keyboard, now.toISOString(), cps));
        if ([...keyboard.readers.values()].some((r) => r.dropped)) {
          problems.push({ where: port, message: "the kernel dropped input events (buffer overrun): the rate is a lower bound" });
          for (const reader of keyboard.readers.values()) reader.dropped = false;
        }
        if (!present) keyboards.delete(port);
      }
      return { observations, problems };
    },
    async stop() {
      for (const keyboard of keyboards.values()) for (const reader of keyboard.readers.values()) await reader.stop();
      keyboards.clear();
    },
  };
}

function openProblem(error: unknown): string {
  if (codeOf(error) === "EACCES" || codeOf(error) === "EPERM") {
    return "permission denied: run the agent as a member of the input group (SupplementaryGroups=input), not as root";
  }
  if (codeOf(error) === "ENOENT") return "no such event device (unplugged, or inputRoot is wrong)";
  return (error as Error).message ?? String(error);
}
