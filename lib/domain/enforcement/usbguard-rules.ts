// The enforcement policy (enforcement-policy.ts) written as a USBGuard rules file
// (usbguard-rules.conf(5)), for hosts that run USBGuard instead of letting the agent write sysfs.
// USBGuard reads the rules in order and the first that matches decides; a device no rule matches
// gets the daemon's ImplicitPolicyTarget (block, unless the host's usbguard-daemon.conf says
// otherwise). Two things USBGuard cannot say, written down where they matter:
// - it authorizes whole devices, never one interface: an "interface" block blocks the device;
// - it cannot compare the HID report descriptor's hash: an entry naming one matches on its
//   other fields only (broader: a block blocks more, an allow allows more, and the block list,
//   written first, still holds the devices the dashboard suspects of spoofing).
import type { AllowEntry, BlockEntry, EnforcementPolicy, UsbMatch } from "./enforcement-policy";

export type UsbguardRulesOptions = { generatedAt?: string };

const HUB_RULE = "allow with-interface equals { 09:*:* }";

/** The rules file for a policy: comments name the dashboard's decision before every rule. */
export function usbguardRules(policy: EnforcementPolicy, options: UsbguardRulesOptions = {}): string {
  const lines = header(policy, options);
  if (policy.mode === "monitor") {
    lines.push("# Mode monitor: the dashboard enforces nothing on this host, so every USB device is allowed.", "allow");
    return finish(lines);
  }
  lines.push(
    "# Hubs are never blocked: blocking one would cut every device plugged in behind it. Only a",
    "# device whose sole interface is a hub matches, so a hub that also offers a keyboard does not.",
    HUB_RULE,
  );
  for (const entry of policy.block) lines.push(...blockRule(entry));
  if (policy.mode === "block_listed") {
    lines.push(
      "",
      "# Mode block_listed: everything the dashboard did not block is allowed. Without this catch-all,",
      "# USBGuard's implicit target (block) would cut every other device, keyboards and mice included:",
      "# that is allow_listed mode, not this one.",
      "allow",
    );
    return finish(lines);
  }
  const restricted: AllowEntry[] = [];
  for (const entry of policy.allow) {
    lines.push(...allowRule(entry));
    if (entry.interfaceClasses?.length) restricted.push(entry);
  }
  for (const entry of restricted) lines.push(...otherwiseRule(entry));
  lines.push(
    "",
    "# Mode allow_listed: nothing else is allowed. No rule follows: every other device gets the",
    "# daemon's ImplicitPolicyTarget, which must stay block (the default) in usbguard-daemon.conf.",
  );
  return finish(lines);
}

function header(policy: EnforcementPolicy, options: UsbguardRulesOptions): string[] {
  return [
    "# USBGuard rules written by the IoMT asset risk dashboard. Do not edit: the next policy replaces them.",
    `# Policy version ${policy.version}, mode ${policy.mode}: ${policy.block.length} blocked, ${policy.allow.length} allowed.`,
    ...(options.generatedAt ? [`# Generated ${oneLine(options.generatedAt)}.`] : []),
    "",
  ];
}

const finish = (lines: string[]) => `${lines.join("\n")}\n`;

function blockRule(entry: BlockEntry): string[] {
  const comment = [`# ${oneLine(entry.policy)} (rule ${oneLine(entry.ruleId)}): ${oneLine(entry.reason)}`];
  const exact = interfaceTypes(entry.match.interfaces);
  if (entry.scope === "device" || !entry.interfaceClasses?.length) return ["", ...comment, ...hashNote(entry.match), `block ${device(entry.match, exact)}`];
  // USBGuard blocks devices, not interfaces: a device offering one of the classes is blocked whole.
  comment.push(`# Interfaces ${entry.interfaceClasses.map(classText).join(", ")} only, but USBGuard blocks the whole device that offers one.`);
  if (exact) {
    const offers = exact.some((type) => entry.interfaceClasses!.includes(parseInt(type.slice(0, 2), 16)));
    if (!offers) return ["", ...comment, "# No rule: the device as the dashboard measured it offers none of those interfaces."];
    return ["", ...comment, ...hashNote(entry.match), `block ${device(entry.match, exact)}`];
  }
  const classes = entry.interfaceClasses.map((c) => `${classText(c)}:*:*`).join(" ");
  return ["", ...comment, ...hashNote(entry.match), `block ${device(entry.match)} with-interface one-of { ${classes} }`];
}

function allowRule(entry: AllowEntry): string[] {
  const comment = [`# ${oneLine(entry.policy)} (rule ${oneLine(entry.ruleId)})`];
  const exact = interfaceTypes(entry.match.interfaces);
  if (entry.match.interfaces !== undefined && !exact) return ["", ...comment, "# No rule: the entry's interface list is not one USBGuard can read, and an allow must not grow."];
  const classes = entry.interfaceClasses;
  if (!classes?.length) return ["", ...comment, ...hashNote(entry.match), `allow ${device(entry.match, exact)}`];
  comment.push(`# Only interfaces ${classes.map(classText).join(", ")} are allowed; USBGuard cannot cut the others, so a device offering any other is blocked whole.`);
  if (exact) {
    const outside = exact.some((type) => !classes.includes(parseInt(type.slice(0, 2), 16)));
    if (outside) return ["", ...comment, "# No allow rule: the device as the dashboard measured it offers another interface."];
    return ["", ...comment, ...hashNote(entry.match), `allow ${device(entry.match, exact)}`];
  }
  // match-all: every interface the device offers must be one of these (a subset). equals would
  // also demand as many interfaces as listed, and all-of would let extra interfaces in.
  const wanted = classes.map((c) => `${classText(c)}:*:*`).join(" ");
  return ["", ...comment, ...hashNote(entry.match), `allow ${device(entry.match)} with-interface match-all { ${wanted} }`];
}

/** The same identity with other interfaces: blocked explicitly, whatever the daemon's implicit target. */
function otherwiseRule(entry: AllowEntry): string[] {
  return ["", `# ${oneLine(entry.policy)} (rule ${oneLine(entry.ruleId)}): the same device offering any other interface.`, `block ${device(entry.match)}`];
}

function hashNote(match: UsbMatch): string[] {
  return match.hidReportDescriptorSha256 ? ["# USBGuard cannot compare the HID report descriptor hash: this rule matches on the other fields only."] : [];
}

/** `id vvvv:pppp [serial "…"] [with-interface equals { cc:ss:pp … }]` */
function device(match: UsbMatch, exact?: string[] | null): string {
  const parts = [`id ${match.vendorId}:${match.productId}`];
  if (match.serial !== undefined) parts.push(`serial ${quote(match.serial)}`);
  if (exact) parts.push(`with-interface equals { ${exact.join(" ")} }`);
  return parts.join(" ");
}

/**
 * "03.01.01.01,08.06.50.02" (class.subclass.protocol.endpoints, the fingerprint's spelling) as
 * USBGuard's interface types "03:01:01 08:06:50" (it has no endpoint count). Null when absent or
 * not in that form.
 */
export function interfaceTypes(interfaces: string | undefined): string[] | null {
  if (!interfaces) return null;
  const parts = interfaces.split(",");
  if (!parts.every((p) => /^[0-9a-f]{2}(\.[0-9a-f]{2}){3}$/.test(p))) return null;
  return parts.map((p) => p.split(".").slice(0, 3).join(":"));
}

const classText = (c: number) => c.toString(16).padStart(2, "0");

/**
 * A USBGuard string: in double quotes, `"` and `\` escaped with a backslash, every byte outside
 * printable ASCII as \xHH (USBGuard's own escapeString), so a serial with a newline or UTF-8 stays
 * one rule and means the same bytes.
 */
export function quote(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += "\\\\";
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `"${out}"`;
}

/** Comment text: one line (a newline in a policy's name would start a rule), bounded. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").slice(0, 300);
