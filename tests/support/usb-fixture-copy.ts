// For tests only: a private copy of the sysfs fixture tree (agent/collectors/fixtures/sysfs) with
// the kernel's `authorized` attribute ("1") on every device and interface, so enforcement can
// write into it. The committed fixtures are never written.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURE = fileURLToPath(new URL("../../agent/collectors/fixtures/sysfs", import.meta.url));

export type SysfsCopy = {
  /** The copy's sysfsRoot (as collectors.usb.sysfsRoot). */
  root: string;
  /** The temporary folder holding it (and room for a state folder). */
  dir: string;
  /** The `authorized` value of a device ("1-2") or interface ("1-2:1.1"), trimmed. */
  authorized: (target: string) => Promise<string>;
  remove: () => Promise<void>;
};

export async function copySysfsFixture(): Promise<SysfsCopy> {
  const dir = await mkdtemp(join(tmpdir(), "iomt-enforce-"));
  const root = join(dir, "sysfs");
  await cp(FIXTURE, root, { recursive: true, verbatimSymlinks: true });
  const devices = join(root, "bus/usb/devices");
  for (const entry of await readdir(devices)) await writeFile(join(devices, entry, "authorized"), "1\n");
  return {
    root,
    dir,
    authorized: async (target) => (await readFile(join(devices, target, "authorized"), "utf8")).trim(),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
