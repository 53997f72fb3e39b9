// Linux evdev, read for one number only: how fast characters are typed. These helpers decode
// `struct input_event` records into press TIMESTAMPS and nothing else: which key was pressed is
// looked at once, to tell a character key from a modifier or a mouse button, and then dropped.
import { arch } from "node:os";

export const EV_SYN = 0;
export const EV_KEY = 1;
export const SYN_DROPPED = 3;
const KEY_PRESS = 1; // 0 is a release, 2 an autorepeat: neither is a keystroke typed

/** The kernel's `long` width: capability bitmaps come in longs, and timeval is two of them. */
export const KERNEL_LONG_BITS = ["x64", "arm64", "ppc64", "s390x", "riscv64", "loong64", "mips64el"].includes(arch()) ? 64 : 32;

/** struct input_event: timeval (two longs) + u16 type + u16 code + s32 value; 24 bytes on 64-bit. */
export const recordSize = (longBits = KERNEL_LONG_BITS) => (longBits / 8) * 2 + 8;

/** Key codes (linux/input-event-codes.h) that produce a character: digits, letters, punctuation, space, tab, enter, keypad. */
const CHARACTER_KEYS: ReadonlySet<number> = new Set([
  ...range(2, 13), // KEY_1 … KEY_EQUAL
  15, // KEY_TAB
  ...range(16, 28), // KEY_Q … KEY_RIGHTBRACE, KEY_ENTER
  ...range(30, 41), // KEY_A … KEY_GRAVE
  ...range(43, 53), // KEY_BACKSLASH … KEY_SLASH
  55, // KEY_KPASTERISK
  57, // KEY_SPACE
  ...range(71, 83), // keypad digits, KPMINUS, KPPLUS, KPDOT
  86, // KEY_102ND
  96, // KEY_KPENTER
  98, // KEY_KPSLASH
]);

/** The 26 letter keys: an input device that has them all is a keyboard (media keys and mice do not). */
const LETTER_KEYS = [...range(16, 25), ...range(30, 38), ...range(44, 50)];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** What one chunk of the event stream held: press times (µs since the epoch) and whether the kernel dropped events. */
export type DecodedChunk = { pressTimesUs: number[]; dropped: boolean; rest: Buffer };

/**
 * Decodes whole records from `data`; a partial record at the end comes back as `rest` for the
 * next read. Only character-key presses leave a trace, as their time.
 */
export function decodeKeyPresses(data: Buffer, longBits = KERNEL_LONG_BITS): DecodedChunk {
  const size = recordSize(longBits);
  const half = longBits / 8;
  const pressTimesUs: number[] = [];
  let dropped = false;
  let offset = 0;
  for (; offset + size <= data.length; offset += size) {
    const type = data.readUInt16LE(offset + 2 * half);
    const code = data.readUInt16LE(offset + 2 * half + 2);
    const value = data.readInt32LE(offset + 2 * half + 4);
    if (type === EV_SYN && code === SYN_DROPPED) dropped = true;
    if (type !== EV_KEY || value !== KEY_PRESS || !CHARACTER_KEYS.has(code)) continue;
    const seconds = half === 8 ? Number(data.readBigInt64LE(offset)) : data.readInt32LE(offset);
    const micros = half === 8 ? Number(data.readBigInt64LE(offset + 8)) : data.readInt32LE(offset + 4);
    pressTimesUs.push(seconds * 1_000_000 + micros);
  }
  return { pressTimesUs, dropped, rest: Buffer.from(data.subarray(offset)) };
}

/**
 * A capabilities bitmap as input.c prints it: longs in hex, most significant first, separated
 * by spaces, leading zero longs left out ("120013", "1000000000007 ff9f207ac14057ff …").
 */
export function bitmapHas(text: string, bit: number, longBits = KERNEL_LONG_BITS): boolean {
  const words = text.trim().split(/\s+/).reverse();
  const word = words[Math.floor(bit / longBits)];
  if (!word || !/^[0-9a-f]+$/i.test(word)) return false;
  return ((BigInt(`0x${word}`) >> BigInt(bit % longBits)) & 1n) === 1n;
}

/** A keyboard: it reports key events, and it has every letter key. */
export function isKeyboard(evBitmap: string, keyBitmap: string, longBits = KERNEL_LONG_BITS): boolean {
  return bitmapHas(evBitmap, EV_KEY, longBits) && LETTER_KEYS.every((key) => bitmapHas(keyBitmap, key, longBits));
}

const USB_DEVICE = /^\d+-\d+(\.\d+)*$/;
const USB_INTERFACE = /^\d+-\d+(\.\d+)*:\d+\.\d+$/;

/**
 * The USB port of an input device, from where sysfs places it:
 * ".../usb1/1-1/1-1.1/1-1.1:1.0/0003:046D:C31C.0001/input/input5/event5" → { port "1-1.1",
 * devicePath ".../usb1/1-1/1-1.1" }. Not under a USB interface (PS/2, Bluetooth, virtual) → null.
 */
export function usbPortOf(realPath: string): { port: string; devicePath: string } | null {
  const segments = realPath.split("/");
  for (let i = segments.length - 1; i > 0; i--) {
    if (USB_INTERFACE.test(segments[i]) && USB_DEVICE.test(segments[i - 1])) {
      return { port: segments[i - 1], devicePath: segments.slice(0, i).join("/") };
    }
  }
  return null;
}

/**
 * The most presses inside any `windowUs`-long window, over the presses since the last `take()`.
 * Presses older than one window are forgotten as they slide out, so memory stays bounded by the
 * typing rate, never by the report interval, and a 2-second burst is not diluted by a long cycle.
 */
export class PressWindow {
  private times: number[] = [];
  private head = 0;
  private highest = 0;
  private typed = false;

  constructor(private readonly windowUs: number) {}

  add(timeUs: number): void {
    // A wall clock stepped back must not make the window run backwards.
    const last = this.times[this.times.length - 1];
    const time = last !== undefined && timeUs < last ? last : timeUs;
    this.times.push(time);
    while (this.times[this.head] <= time - this.windowUs) this.head++;
    this.highest = Math.max(this.highest, this.times.length - this.head);
    this.typed = true;
    if (this.head > 4096) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Characters per second in the busiest window since the last take, and whether anything was typed. */
  take(): { cps: number; typed: boolean } {
    const result = { cps: this.highest / (this.windowUs / 1_000_000), typed: this.typed };
    this.highest = 0;
    this.typed = false;
    return result;
  }
}
