import { execFileSync } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { appendFile, cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import { typingRateCollector, typingRateOptions, type TypingRateDeps } from "./typing-rate";
import { bitmapHas, decodeKeyPresses, isKeyboard, PressWindow, usbPortOf } from "./typing-rate-evdev";

const fixtureSysfs = fileURLToPath(new URL("./fixtures/sysfs", import.meta.url));
const NOW = new Date("2026-11-28T15:00:00Z");
const T0 = 1_795_000_000 * 1_000_000; // µs

// linux/input-event-codes.h
const EV = { SYN: 0, KEY: 1, MSC: 4 };
const KEY = { A: 30, H: 35, SPACE: 57, LEFTSHIFT: 42, F5: 63, BTN_LEFT: 272 };

/** One struct input_event as the 64-bit kernel writes it: timeval, type, code, value (24 bytes). */
function record(timeUs: number, type: number, code: number, value: number): Buffer {
  const b = Buffer.alloc(24);
  b.writeBigInt64LE(BigInt(Math.floor(timeUs / 1_000_000)), 0);
  b.writeBigInt64LE(BigInt(timeUs % 1_000_000), 8);
  b.writeUInt16LE(type, 16);
  b.writeUInt16LE(code, 18);
  b.writeInt32LE(value, 20);
  return b;
}

/** A key stroke as a USB keyboard reports it: scan code, press, SYN; release 40 ms later, SYN. */
function keystroke(timeUs: number, code: number): Buffer {
  return Buffer.concat([
    record(timeUs, EV.MSC, 4, 0x70004), record(timeUs, EV.KEY, code, 1), record(timeUs, EV.SYN, 0, 0),
    record(timeUs + 40_000, EV.KEY, code, 0), record(timeUs + 40_000, EV.SYN, 0, 0),
  ]);
}

const typing = (from: number, count: number, everyUs: number, code = KEY.H) =>
  Buffer.concat(Array.from({ length: count }, (_, i) => keystroke(from + i * everyUs, code)));

describe("evdev decoding", () => {
  it("keeps only the times of character key presses", () => {
    const data = Buffer.concat([
      keystroke(T0, KEY.A),
      record(T0 + 100, EV.KEY, KEY.LEFTSHIFT, 1), // modifier
      record(T0 + 200, EV.KEY, KEY.A, 2), // autorepeat
      record(T0 + 300, EV.KEY, KEY.F5, 1), // no character
      record(T0 + 400, EV.KEY, KEY.BTN_LEFT, 1), // a mouse button
      keystroke(T0 + 500_123, KEY.SPACE),
    ]);
    expect(decodeKeyPresses(data, 64)).toEqual({ pressTimesUs: [T0, T0 + 500_123], dropped: false, rest: Buffer.alloc(0) });
  });

  it("hands back a partial record and notices SYN_DROPPED", () => {
    const whole = Buffer.concat([record(T0, EV.SYN, 3, 0), record(T0 + 1, EV.KEY, KEY.A, 1)]);
    const first = decodeKeyPresses(whole.subarray(0, 30), 64);
    expect(first).toMatchObject({ pressTimesUs: [], dropped: true });
    expect(first.rest.length).toBe(6);
    expect(decodeKeyPresses(Buffer.concat([first.rest, whole.subarray(30)]), 64).pressTimesUs).toEqual([T0 + 1]);
  });

  it("reads 16-byte records of 32-bit kernels", () => {
    const b = Buffer.alloc(16);
    b.writeInt32LE(1_795_000_000, 0);
    b.writeInt32LE(250_000, 4);
    b.writeUInt16LE(EV.KEY, 8);
    b.writeUInt16LE(KEY.A, 10);
    b.writeInt32LE(1, 12);
    expect(decodeKeyPresses(b, 32).pressTimesUs).toEqual([T0 + 250_000]);
  });

  it("tells a keyboard from a mouse and a media-key device by their capabilities", async () => {
    const caps = async (n: number, name: string) => readFile(join(dirname(await realpath(join(fixtureSysfs, `class/input/event${n}`))), `capabilities/${name}`), "utf8");
    expect(isKeyboard(await caps(5, "ev"), await caps(5, "key"), 64)).toBe(true);
    expect(isKeyboard(await caps(6, "ev"), await caps(6, "key"), 64)).toBe(false);
    expect(isKeyboard(await caps(7, "ev"), await caps(7, "key"), 64)).toBe(false);
    expect(bitmapHas("1f0000 0 0 0 0", 272, 64)).toBe(true);
    expect(bitmapHas("1f0000 0 0 0 0", 271, 64)).toBe(false);
    // The same bitmap printed in 32-bit longs.
    expect(bitmapHas("1f0000 0 0 0 0 0 0 0 0", 272, 32)).toBe(true);
  });

  it("finds the USB port from the device's place in sysfs", () => {
    expect(usbPortOf("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.1/1-1.1:1.0/0003:046D:C31C.0001/input/input5/event5")).toEqual({
      port: "1-1.1", devicePath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.1",
    });
    expect(usbPortOf("/sys/devices/platform/i8042/serio0/input/input0/event0")).toBeNull();
  });
});

describe("the busiest window", () => {
  it("counts the most presses inside any window, not the average over the cycle", () => {
    const window = new PressWindow(2_000_000);
    for (let i = 0; i < 10; i++) window.add(T0 + i * 1_000_000); // 1 cps for 10 s
    for (let i = 0; i < 1800; i++) window.add(T0 + 20_000_000 + i * 1111); // 900 cps for 2 s
    expect(window.take()).toEqual({ cps: 900, typed: true });
    expect(window.take()).toEqual({ cps: 0, typed: false });
  });

  it("treats a window as half-open: presses exactly one window apart are not in the same one", () => {
    const window = new PressWindow(2_000_000);
    window.add(T0);
    window.add(T0 + 2_000_000);
    window.add(T0 + 1_000_000); // a clock stepped back counts as "now", not as the past
    expect(window.take()).toEqual({ cps: 1, typed: true });
  });
});

describe("typingRateCollector", () => {
  let dir = "";
  let sysfsRoot = "";
  let inputRoot = "";
  let collector: ReturnType<typeof typingRateCollector> | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "typing-rate-"));
    sysfsRoot = join(dir, "sys");
    inputRoot = join(dir, "input");
    await cp(fixtureSysfs, sysfsRoot, { recursive: true, verbatimSymlinks: true });
    await mkdir(inputRoot);
    for (const n of [0, 5, 6, 7, 8]) await writeFile(join(inputRoot, `event${n}`), "");
  });
  afterEach(async () => {
    await collector?.stop?.();
    collector = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const make = (deps?: TypingRateDeps) => {
    collector = typingRateCollector(typingRateOptions.parse({ enabled: true, sysfsRoot, inputRoot }), deps);
    return collector;
  };
  const rates = (observations: { physical?: { usb?: { port?: string; keystrokeRateCps?: number } } }[]) =>
    observations.map((o) => [o.physical?.usb?.port, o.physical?.usb?.keystrokeRateCps]);

  it("measures a person at 6 cps and an injector at 900 cps; the mouse never counts", async () => {
    const c = make();
    await c.start!();
    await appendFile(join(inputRoot, "event5"), typing(T0, 30, 166_667)); // a person, 5 s at 6 cps
    await appendFile(join(inputRoot, "event8"), typing(T0 + 10_000_000, 1800, 1111, KEY.A)); // a script
    await appendFile(join(inputRoot, "event7"), Buffer.concat([record(T0, EV.KEY, KEY.BTN_LEFT, 1), record(T0, EV.KEY, KEY.A, 1)]));
    const { observations, problems } = await c.collect(NOW);
    expect(problems).toEqual([]);
    expect(observations[0]).toEqual({
      observedAt: "2026-11-28T15:00:00.000Z",
      channel: "usb",
      claimed: { usb: { vendorId: "046d", productId: "c31c" } },
      physical: { usb: { port: "1-1.1", keystrokeRateCps: 6 } },
    });
    expect(rates(observations)).toEqual([["1-1.1", 6], ["1-2", 900]]);
    for (const observation of observations) expect(observationSchema.safeParse(observation).error).toBeUndefined();

    // Nothing typed since: both keyboards are still there, at rate 0.
    expect(rates((await c.collect(NOW)).observations)).toEqual([["1-1.1", 0], ["1-2", 0]]);
  });

  it("reads records split across writes, and a keyboard plugged in after start", async () => {
    await rm(join(sysfsRoot, "class/input/event8"));
    const c = make();
    await c.start!();
    const burst = typing(T0, 10, 100_000, KEY.A); // 10 presses within 1 s
    // 100 bytes: the first stroke's four whole records (one press) and a third of the fifth.
    await appendFile(join(inputRoot, "event5"), burst.subarray(0, 100));
    expect(rates((await c.collect(NOW)).observations)).toEqual([["1-1.1", 0.5]]);
    await appendFile(join(inputRoot, "event5"), burst.subarray(100));
    execFileSync("ln", ["-s", "../../devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/0003:046D:C31C.0004/input/input8/event8", join(sysfsRoot, "class/input/event8")]);
    // All ten presses fall inside one 2-second window (the first was read in the last cycle).
    expect(rates((await c.collect(NOW)).observations)).toEqual([["1-1.1", 5], ["1-2", 0]]);
  });

  it("still reports a burst from an injector unplugged before the collect, then forgets it", async () => {
    const c = make();
    await c.start!();
    await appendFile(join(inputRoot, "event8"), typing(T0, 2000, 1000, KEY.A)); // 1000 cps for 2 s
    await rm(join(sysfsRoot, "class/input/event8"));
    await rm(join(sysfsRoot, "devices/pci0000:00/0000:00:14.0/usb1/1-2"), { recursive: true });
    expect(rates((await c.collect(NOW)).observations)).toEqual([["1-1.1", 0], ["1-2", 1000]]);
    expect(rates((await c.collect(NOW)).observations)).toEqual([["1-1.1", 0]]);
  });

  it("names an unreadable event device and how to fix it", async () => {
    const refusing: TypingRateDeps = {
      openEvents: async (path) => {
        if (path.endsWith("event8")) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: "EACCES" });
        const handle = openSync(path, "r");
        return { read: async () => 0, close: async () => closeSync(handle) };
      },
    };
    const c = make(refusing);
    await c.start!();
    const { observations, problems } = await c.collect(NOW);
    expect(rates(observations)).toEqual([["1-1.1", 0]]);
    expect(problems).toEqual([{ where: join(inputRoot, "event8"), message: expect.stringContaining("member of the input group") }]);
  });

  it("reads a FIFO as it reads a character device: nothing waiting is not an error", async () => {
    const fifo = join(inputRoot, "event5");
    await rm(fifo);
    execFileSync("mkfifo", [fifo]);
    const c = make();
    await c.start!();
    const writer = openSync(fifo, "w");
    try {
      expect(rates((await c.collect(NOW)).observations)).toEqual([["1-1.1", 0], ["1-2", 0]]);
      writeSync(writer, typing(T0, 20, 250_000, KEY.SPACE)); // 4 cps
      expect(rates((await c.collect(NOW)).observations)).toEqual([["1-1.1", 4], ["1-2", 0]]);
    } finally {
      closeSync(writer);
    }
  });
});
