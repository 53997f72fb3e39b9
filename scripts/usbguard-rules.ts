// npm run enforcement:usbguard -- (--site "<site name or default>" | --agent <agent name>) [--mode block_listed|allow_listed] [--out <file>]
// The enforcement policy of a site or an agent as a USBGuard rules file (usbguard-rules.conf(5)),
// for hosts that run USBGuard: printed, or written to --out. Reads the database like the
// dashboard does, so it works beside a running server. Exit 2 on bad input, 1 on other errors.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Db } from "../lib/db/client";
import { ENFORCEMENT_MODES, type EnforcementMode } from "../lib/domain/enforcement/enforcement-policy";
import { isEnforcementMode } from "../lib/domain/enforcement/modes";
import { usbguardRules } from "../lib/domain/enforcement/usbguard-rules";
import { agentPolicyScope, enforcementPolicyFor, sitePolicyScope, type PolicyScope } from "../lib/queries/agent-policy";
import { runCli, UsageError } from "./lib/cli";

const USAGE = `usage: npm run enforcement:usbguard -- (--site "<site name or default>" | --agent <agent name>) [--mode ${ENFORCEMENT_MODES.join("|")}] [--out <file>]`;

function options(): { site?: string; agent?: string; mode?: EnforcementMode; out?: string } {
  let values;
  try {
    ({ values } = parseArgs({ options: { site: { type: "string" }, agent: { type: "string" }, mode: { type: "string" }, out: { type: "string" } } }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (!values.site === !values.agent) throw new UsageError(`name exactly one of --site or --agent\n${USAGE}`);
  if (values.mode !== undefined && !isEnforcementMode(values.mode)) throw new UsageError(`--mode must be one of ${ENFORCEMENT_MODES.join(", ")}\n${USAGE}`);
  if (values.out !== undefined && !values.out.trim()) throw new UsageError(`--out needs a file name\n${USAGE}`);
  return { site: values.site, agent: values.agent, mode: values.mode as EnforcementMode | undefined, out: values.out };
}

async function scopeOf(db: Db, site?: string, agent?: string): Promise<PolicyScope> {
  if (agent) {
    const row = await db.agent.findUnique({ where: { name: agent }, select: { id: true } });
    const found = row && (await agentPolicyScope(db, row.id));
    if (!found) throw new UsageError(`no agent named "${agent}"`);
    return found.scope;
  }
  const row = site === "default" ? await db.site.findUnique({ where: { key: "default" }, select: { id: true } }) : await db.site.findUnique({ where: { name: site! }, select: { id: true } });
  const scope = row && (await sitePolicyScope(db, row.id));
  if (!scope) throw new UsageError(`no site named "${site}"`);
  return scope;
}

runCli(async (db) => {
  const { site, agent, mode, out } = options();
  const scope = await scopeOf(db, site, agent);
  const { policy } = await enforcementPolicyFor(db, mode ? { ...scope, mode } : scope);
  const rules = usbguardRules(policy, { generatedAt: new Date().toISOString() });
  if (!out) return void process.stdout.write(rules);
  writeFileSync(out, rules);
  console.error(`wrote ${out}: ${policy.mode}, ${policy.block.length} blocked, ${policy.allow.length} allowed (policy ${policy.version})`);
});
