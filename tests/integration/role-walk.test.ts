// Every mutation, walked as every role and as nobody. The mutations are discovered at test time
// (route handlers exporting POST/PUT/PATCH/DELETE under app/api, every export of app/**/actions.ts
// and of any other "use server" module),
// and the expectations come from the predicates of lib/auth/roles.ts: a new route, action or
// predicate that the table below does not cover fails the walk rather than escaping it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as permissions from "@/lib/auth/roles";
import { ROLES, type Actor, type Role } from "@/lib/auth/roles";
import { canManageOwnAccount } from "@/lib/auth/account-gate";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { createPolicy } from "@/lib/commands/policy-editing";
import { acceptRisk } from "@/lib/commands/risk-edits";
import { importFeeds } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser, TEST_PASSWORD } from "./helpers";
import { startFeedFixtureServer, type FeedFixtureServer } from "../support/feed-fixture-server";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined }));
// The request a server action reads its Origin from (lib/web/action-result.ts): same-origin unless a test says otherwise.
const actionRequest = vi.hoisted(() => ({ headers: { host: "localhost:3000", origin: "http://localhost:3000" } as Record<string, string> }));
vi.mock("next/headers", async (original) => ({ ...(await original<typeof import("next/headers")>()), headers: async () => new Headers(actionRequest.headers) }));

// ─── Discovery ────────────────────────────────────────────────────────────────────────────────

const APP = fileURLToPath(new URL("../../app", import.meta.url));
const MUTATING = ["POST", "PUT", "PATCH", "DELETE"] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** actions.ts, or any other module of app/ that opens with "use server". */
const isServerActionFile = (file: string) =>
  path.basename(file) === "actions.ts" || (/\.tsx?$/.test(file) && /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(readFileSync(file, "utf8")));

type Callable = (...args: never[]) => Promise<unknown>;
type Found = { key: string; file: string; exportName: string; fn: Callable };

/** "POST /api/users" for route handlers, "settings/users/actions.ts#createUserAction" for actions. */
async function discover(): Promise<Found[]> {
  const files = filesUnder(APP);
  const found: Found[] = [];
  for (const file of files.filter((f) => path.basename(f) === "route.ts" && f.startsWith(path.join(APP, "api")))) {
    const exports = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const route = "/" + path.relative(APP, path.dirname(file)).split(path.sep).join("/");
    for (const method of MUTATING) if (typeof exports[method] === "function") found.push({ key: `${method} ${route}`, file, exportName: method, fn: exports[method] as Callable });
  }
  for (const file of files.filter(isServerActionFile)) {
    const exports = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const where = path.relative(APP, file).split(path.sep).join("/").replace(/^\([^)]*\)\//, "");
    for (const [name, value] of Object.entries(exports)) if (typeof value === "function") found.push({ key: `${where}#${name}`, file, exportName: name, fn: value as Callable });
  }
  return found;
}

const discovered = await discover();

// ─── Fixtures ─────────────────────────────────────────────────────────────────────────────────

type User = { id: string; email: string; role: Role };
const users = {} as Record<Role, User>;
let agentToken = "";
let pumpNumber = 60_000;
let kevDay = 0;
let feedMirror: FeedFixtureServer;
let mirrorCves = 25;
const unique = () => Math.random().toString(36).slice(2, 10);
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

async function newDevice(): Promise<string> {
  pumpNumber += 1;
  const answer = await postReport(agentToken, report([pump(pumpNumber)]));
  expect(answer.status).toBe(202);
  return (await getDb().device.findFirstOrThrow({ where: { claimedHostname: `INFUSION-4N-${pumpNumber}` } })).id;
}

async function acceptedDevice(): Promise<string> {
  const id = await newDevice();
  await acceptRisk(getDb(), id, { reason: "Vendor patch due next quarter", owner: "Biomed", expiresAt: inAMonth() }, users.admin);
  return id;
}

function kevCatalog() {
  kevDay += 1;
  const catalog = {
    title: "CISA Catalog of Known Exploited Vulnerabilities",
    catalogVersion: `2026.02.${kevDay}`,
    dateReleased: new Date(Date.UTC(2026, 1, 1) + kevDay * 86_400_000).toISOString(),
    count: 1,
    vulnerabilities: [{ cveID: "CVE-2024-23456", vendorProject: "Baxter", product: "Sigma Spectrum", vulnerabilityName: "Role walk", dateAdded: "2024-01-01", shortDescription: "A test entry.", dueDate: "2024-02-01", knownRansomwareCampaignUse: "Unknown" }],
  };
  return new File([JSON.stringify(catalog)], "kev.json", { type: "application/json" });
}

let rollbackRelease = 0;
/** Two KEV releases imported now, the newer in force; the older's import id, to roll back to. */
async function rollbackableImport(): Promise<string> {
  const release = () => {
    const at = new Date(Date.now() - 3_600_000 + ++rollbackRelease * 1000);
    const catalog = { title: `Role walk ${rollbackRelease}`, catalogVersion: at.toISOString().slice(0, 10).replaceAll("-", "."), dateReleased: at.toISOString(), count: 0, vulnerabilities: [] };
    return { name: "kev.json", bytes: new TextEncoder().encode(JSON.stringify(catalog)) };
  };
  await importFeeds(getDb(), [release()], { actor: { system: "test" } });
  const older = await getDb().feedImport.findFirstOrThrow({ where: { feed: "kev" }, orderBy: [{ importedAt: "desc" }, { id: "desc" }] });
  await importFeeds(getDb(), [release()], { actor: { system: "test" } });
  return older.id;
}

const form = (fields: Record<string, string | string[] | File>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
};

// ─── The table ────────────────────────────────────────────────────────────────────────────────

type Predicate = (actor: Actor) => boolean;
/** What a call needs: a body (JSON, or FormData for multipart) and route params. */
type RouteCall = { params?: Record<string, string>; body?: unknown };
type RouteSpec = { kind: "route"; allowed: Predicate; ok: number; valid: () => Promise<RouteCall>; invalid?: () => Promise<RouteCall> };
/** `dryRun`: an action that only answers (a preview): it must write nothing, so no audit row either. */
type ActionSpec = { kind: "action"; allowed: Predicate; valid: () => Promise<FormData>; invalid: () => Promise<FormData>; dryRun?: true };
type Spec = RouteSpec | ActionSpec;

const {
  canAcceptRisk,
  canApproveDevice,
  canDecideSpoof,
  canEditCriticality,
  canImportFeeds,
  canManageAgents,
  canManagePolicies,
  canManageUsers,
} = permissions;

const device = async () => ({ params: { id: await newDevice() } });
/** A device suspected of spoofing, for the spoof decisions. */
const suspect = async () => (await getDb().device.update({ where: { id: await newDevice() }, data: { spoofSuspected: true } })).id;
const accepted = async () => ({ params: { id: await acceptedDevice() } });
const viewer = async () => (await makeUser("viewer")).id;
/** A viewer locked out from one address: six wrong passwords from it in the last ten minutes. */
const lockedViewer = async () => {
  const user = await makeUser("viewer");
  const { checkSignIn } = await import("@/lib/auth/signin");
  for (let i = 0; i < 6; i++) await checkSignIn(getDb(), user.email, "wrong-password", "192.0.2.1", new Date(Date.now() - 600_000 + i * 31_000));
  return user.id;
};
/** A segment first reported now (its exposure class guessed), and another site to move it to. */
const segment = async () => {
  const name = `WALK-${unique()}`;
  pumpNumber += 1;
  expect((await postReport(agentToken, report([pump(pumpNumber, { network: { segment: name } })]))).status).toBe(202);
  return (await getDb().segment.findFirstOrThrow({ where: { name } })).id;
};
const site = async () => (await getDb().site.create({ data: { name: `Walk ${unique()}` } })).id;
/** A device with a possible match of a CVE of its own (written directly: the walk is about who may decide it), optionally decided already. */
async function possibleMatch(decided?: "confirmed" | "dismissed"): Promise<{ deviceId: string; cve: string }> {
  const [deviceId, cve] = [await newDevice(), `CVE-2099-${unique()}`];
  await getDb().vulnerability.create({ data: { id: cve } });
  await getDb().deviceVulnerability.create({ data: { deviceId, vulnerabilityId: cve, source: "csaf", status: "needs_review", reason: { rule: "advisory", matches: [] } } });
  if (decided) await getDb().matchDecision.create({ data: { deviceId, vulnerabilityId: cve, decision: decided, decidedBy: "walk@test.local" } });
  return { deviceId, cve };
}
const ssoMapping = async () => (await (await import("@/lib/commands/sso-mappings")).addSsoMapping(getDb(), { group: `walk-${unique()}`, role: "viewer" }, { system: "test" })).id;
const policy = async () => (await createPolicy(getDb(), { kind: "baseline", name: `Walk ${unique()}`, rules: { categories: ["infusion_pump"] } }, { system: "test" })).id;
const syslogTarget = async () => (await (await import("@/lib/commands/syslog-targets")).createSyslogTarget(getDb(), { name: `walk-${unique()}`, host: "127.0.0.1", port: 514, transport: "udp", format: "cef", events: { alerts: true, audit: false }, minSeverity: "high" }, { system: "test" })).id;
const webhook = async () => (await (await import("@/lib/commands/webhooks")).createWebhook(getDb(), { name: `walk-${unique()}`, url: "http://127.0.0.1:9/hook", kinds: ["spoof"], minSeverity: "high" }, { system: "test" })).id;
/** A webhook with one message given up on, and that message's id. */
async function deadLetter() {
  const webhookId = await webhook();
  const m = await getDb().outboundMessage.create({ data: { destination: `webhook:${webhookId}`, webhookId, eventKey: `test:${unique()}`, eventKind: "test", payload: {}, status: "dead", attempts: 8 } });
  return { webhookId, messageId: m.id };
}

// ─── Firmware change control (issue 17): plans, tasks and unplanned changes written directly ──

const DAY_MS = 86_400_000;
/** A plan of one new device, requested by `requestedById`, its window tomorrow (or as given). */
async function changePlan(state = "submitted", requestedById: string | null = null, windowStart = new Date(Date.now() + DAY_MS)) {
  const deviceId = await newDevice();
  const plan = await getDb().changePlan.create({
    data: {
      title: `Walk ${unique()}`, state, targetVersion: "12.3.0", windowStart, windowEnd: new Date(windowStart.getTime() + 2 * 3_600_000), timeZone: "Europe/Berlin", reason: "walk",
      advisoryIds: [], contingency: "retry", downtimeMinutes: 30, selection: { kind: "devices", deviceIds: [deviceId] }, preview: { devices: 1, cvesClosed: [], riskBefore: 0, riskAfter: 0 },
      requestedById, requestedBy: "walk@test.local", devices: { create: [{ deviceId, fromVersion: "12.1.3", riskBefore: 0, riskAfter: 0, cvesClosed: [] }] },
    },
    include: { devices: true },
  });
  return { planId: plan.id, deviceId, planDeviceId: plan.devices[0].id };
}
/** Another engineer's plan: nobody walking it is its requester. */
const othersPlan = async () => changePlan("submitted", (await makeUser("engineer")).id);
/** The open contingency task of a device whose change failed, and its plan and device. */
async function openTask() {
  const p = await changePlan("completed", null, new Date(Date.now() - 3 * DAY_MS));
  await getDb().changePlanDevice.update({ where: { id: p.planDeviceId }, data: { state: "failed", failure: "still_old", failedAt: new Date() } });
  const task = await getDb().contingencyTask.create({ data: { planDeviceId: p.planDeviceId, kind: "retry", owner: "walk@test.local", dueAt: new Date(Date.now() + 7 * DAY_MS) } });
  return { taskId: task.id, planId: p.planId, deviceId: p.deviceId };
}
/** An unplanned firmware change on a new device, flagged and waiting for review. */
async function unplannedChange() {
  const deviceId = await newDevice();
  const seenAt = new Date();
  await getDb().device.update({ where: { id: deviceId }, data: { firmwareFlaggedAt: seenAt } });
  const change = await getDb().firmwareChange.create({ data: { deviceId, fromVersion: "12.1.3", toVersion: "12.0.9", seenAt, kind: "unplanned", direction: "downgrade", fingerprint: "same" } });
  return { changeId: change.id, deviceId };
}
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const localTomorrow = (hours: number) => new Date(Date.now() + DAY_MS + hours * 3_600_000).toISOString().slice(0, 16);
/** The plan form as the dashboard sends it, for one new device. */
const planForm = async (over: Record<string, string> = {}) =>
  form({ selection: "devices", deviceId: await newDevice(), targetVersion: "12.3.0", windowStart: localTomorrow(0), windowEnd: localTomorrow(2), timeZone: "UTC", reason: "closes the advisory", contingency: "retry", downtimeMinutes: "30", ...over });

/** The signed-in person's second factor put in `state` (off, enrolment started, on since a minute): answers a code from the app, fresh now. */
async function secondFactor(state: "off" | "pending" | "on"): Promise<string> {
  const { confirmTwoFactor, resetSecondFactor, startTwoFactor } = await import("@/lib/commands/two-factor");
  const { totpCode } = await import("@/lib/auth/totp");
  const id = session.current?.user.id;
  if (!id) return "123456";
  await resetSecondFactor(getDb(), { id }, { system: "test" });
  if (state === "off") return "";
  const { secret } = await startTwoFactor(getDb(), id, { system: "test" });
  const before = new Date(Date.now() - 60_000);
  if (state === "on") await confirmTwoFactor(getDb(), id, { code: totpCode(secret, before) }, { system: "test" }, before);
  return totpCode(secret, new Date());
}

/** Sets the signed-in person's password to `password` (nothing when signed out) and answers it. */
async function ownPassword(password: string): Promise<string> {
  const id = session.current?.user.id;
  if (id) await getDb().user.update({ where: { id }, data: { passwordHash: await hashPassword(password) } });
  return password;
}

const TABLE: Record<string, Spec> = {
  "POST /api/users": { kind: "route", allowed: canManageUsers, ok: 201, valid: async () => ({ body: { email: `walk-${unique()}@test.local`, role: "viewer", password: "a-long-enough-password" } }), invalid: async () => ({ body: { email: "nope" } }) },
  "PATCH /api/users/[id]": { kind: "route", allowed: canManageUsers, ok: 200, valid: async () => ({ params: { id: await viewer() }, body: { role: "analyst" } }), invalid: async () => ({ params: { id: await viewer() }, body: { role: "wizard" } }) },
  "POST /api/policies": { kind: "route", allowed: canManagePolicies, ok: 201, valid: async () => ({ body: { kind: "baseline", name: `Walk ${unique()}`, rules: { categories: ["infusion_pump"] } } }), invalid: async () => ({ body: { kind: "baseline", name: "x", rules: {} } }) },
  "PATCH /api/policies/[id]": { kind: "route", allowed: canManagePolicies, ok: 200, valid: async () => ({ params: { id: await policy() }, body: { enabled: false } }), invalid: async () => ({ params: { id: await policy() }, body: { enabled: "no" } }) },
  "POST /api/devices/[id]/decision": { kind: "route", allowed: canApproveDevice, ok: 200, valid: async () => ({ ...(await device()), body: { decision: "approve", reason: "checked by biomed" } }), invalid: async () => ({ ...(await device()), body: { decision: "shrug" } }) },
  "POST /api/devices/[id]/clinical-context": { kind: "route", allowed: canEditCriticality, ok: 200, valid: async () => ({ ...(await device()), body: { criticality: "life_sustaining", phi: "stores", compensatingControls: 0.1, note: "ICU ventilator" } }), invalid: async () => ({ ...(await device()), body: { criticality: "very" } }) },
  "POST /api/devices/[id]/acceptance": { kind: "route", allowed: canAcceptRisk, ok: 201, valid: async () => ({ ...(await device()), body: { reason: "Vendor patch due next quarter", owner: "Biomed lead", expiresAt: inAMonth() } }), invalid: async () => ({ ...(await device()), body: { reason: "short" } }) },
  "DELETE /api/devices/[id]/acceptance": { kind: "route", allowed: canAcceptRisk, ok: 200, valid: accepted, invalid: device },
  "POST /api/feeds": { kind: "route", allowed: canImportFeeds, ok: 200, valid: async () => ({ body: form({ files: kevCatalog() }) }), invalid: async () => ({ body: form({ device: "" }) }) },

  "agents/actions.ts#enrolAgentAction": { kind: "action", allowed: canManageAgents, valid: async () => form({ name: `walk-${unique()}`, site: "Walk Campus" }), invalid: async () => form({ name: "!" }) },
  "agents/actions.ts#setAgentLaneAction": { kind: "action", allowed: canManageAgents, valid: async () => form({ id: (await enrol()).id, site: "Walk Campus", segments: `WALK-${unique()}` }), invalid: async () => form({ id: (await enrol()).id, site: "" }) },
  "agents/actions.ts#revokeAgentAction": { kind: "action", allowed: canManageAgents, valid: async () => form({ id: (await enrol()).id }), invalid: async () => form({ id: "no-such-agent" }) },
  "devices/[id]/actions.ts#decideDeviceAction": { kind: "action", allowed: canApproveDevice, valid: async () => form({ id: await newDevice(), decision: "block", reason: "unknown to biomed" }), invalid: async () => form({ id: await newDevice(), decision: "shrug" }) },
  "devices/[id]/actions.ts#decideSpoofAction": { kind: "action", allowed: canDecideSpoof, valid: async () => form({ id: await suspect(), decision: "confirm", reason: "implant found behind the jack" }), invalid: async () => form({ id: await suspect(), decision: "shrug", reason: "x" }) },
  "devices/[id]/actions.ts#editClinicalContextAction": { kind: "action", allowed: canEditCriticality, valid: async () => form({ id: await newDevice(), criticality: "therapy_delivery", phi: "none", compensatingControls: "0.2" }), invalid: async () => form({ id: await newDevice(), criticality: "very" }) },
  "devices/[id]/actions.ts#acceptRiskAction": { kind: "action", allowed: canAcceptRisk, valid: async () => form({ id: await newDevice(), reason: "Vendor patch due next quarter", owner: "Biomed lead", expiresAt: inAMonth() }), invalid: async () => form({ id: await newDevice() }) },
  "devices/[id]/actions.ts#revokeAcceptanceAction": { kind: "action", allowed: canAcceptRisk, valid: async () => form({ id: await acceptedDevice() }), invalid: async () => form({ id: await newDevice() }) },
  "settings/users/actions.ts#createUserAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ email: `walk-${unique()}@test.local`, role: "engineer", password: "a-long-enough-password" }), invalid: async () => form({ email: "nope" }) },
  "settings/users/actions.ts#updateUserAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ id: await viewer(), role: "engineer" }), invalid: async () => form({ id: await viewer(), role: "wizard" }) },
  "settings/users/actions.ts#unlockUserAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ id: await lockedViewer() }), invalid: async () => form({ id: "no-such-user" }) },
  "settings/users/actions.ts#resetPasswordAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ id: await viewer() }), invalid: async () => form({ id: "no-such-user" }) },
  "settings/users/actions.ts#resetSecondFactorAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ id: await viewer() }), invalid: async () => form({ id: "no-such-user" }) },
  "settings/users/actions.ts#signOutUserEverywhereAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ id: await viewer() }), invalid: async () => form({ id: "no-such-user" }) },
  // Each person's own password and sessions (the session's user, never an id from the form). The
  // valid change goes from a password set just before back to TEST_PASSWORD, so later rows still know it.
  "account/actions.ts#changePasswordAction": { kind: "action", allowed: canManageOwnAccount, valid: async () => form({ currentPassword: await ownPassword("walk-temporary-passphrase"), newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }), invalid: async () => form({ currentPassword: TEST_PASSWORD, newPassword: "aaaaaaaaaaaa", confirmPassword: "aaaaaaaaaaaa" }) },
  "account/actions.ts#signOutOtherSessionsAction": { kind: "action", allowed: canManageOwnAccount, valid: async () => form({}), invalid: async () => form({ note: "a\u0000b" }) },
  "account/actions.ts#signOutEverywhereAction": { kind: "action", allowed: canManageOwnAccount, valid: async () => form({}), invalid: async () => form({ note: "a\u0000b" }) },
  "settings/sso/actions.ts#addSsoMappingAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ group: `walk-${unique()}`, role: "viewer" }), invalid: async () => form({ group: "", role: "wizard" }) },
  "settings/sso/actions.ts#removeSsoMappingAction": { kind: "action", allowed: canManageUsers, valid: async () => form({ id: await ssoMapping() }), invalid: async () => form({ id: "no-such-mapping" }) },
  "review/actions.ts#decideMatchAction": { kind: "action", allowed: permissions.canReviewMatches, valid: async () => form({ ...(await possibleMatch()), decision: "dismiss", note: "checked on the unit" }), invalid: async () => form({ ...(await possibleMatch()), decision: "shrug" }) },
  "review/actions.ts#undoMatchDecisionAction": { kind: "action", allowed: permissions.canReviewMatches, valid: async () => form(await possibleMatch("dismissed")), invalid: async () => form(await possibleMatch()) },
  "unauthorized/actions.ts#bulkDecisionAction": { kind: "action", allowed: canApproveDevice, valid: async () => form({ id: [await newDevice(), await newDevice()], decision: "retire", reason: "replaced by new pumps" }), invalid: async () => form({ id: [await newDevice()], decision: "shrug" }) },
  "settings/api-keys/actions.ts#createApiKeyAction": { kind: "action", allowed: permissions.canManageApiKeys, valid: async () => form({ name: `walk-${unique()}` }), invalid: async () => form({ name: "x" }) },
  "settings/api-keys/actions.ts#revokeApiKeyAction": { kind: "action", allowed: permissions.canManageApiKeys, valid: async () => form({ id: (await (await import("@/lib/commands/api-keys")).createApiKey(getDb(), { name: `walk-${unique()}` }, users.admin)).id }), invalid: async () => form({ id: "no-such-key" }) },
  "alerts/actions.ts#acknowledgeAlertsAction": { kind: "action", allowed: permissions.canHandleAlert, valid: async () => form({ id: (await getDb().alert.findFirstOrThrow({ where: { deviceId: await newDevice() } })).id }), invalid: async () => form({ id: "no-such-alert" }) },
  "alerts/actions.ts#resolveAlertsAction": { kind: "action", allowed: permissions.canHandleAlert, valid: async () => form({ id: (await getDb().alert.findFirstOrThrow({ where: { deviceId: await newDevice() } })).id, note: "false alarm, biomed checked" }), invalid: async () => form({ id: (await getDb().alert.findFirstOrThrow({ where: { deviceId: await newDevice() } })).id, note: "x".repeat(501) }) },
  "unauthorized/actions.ts#assignDevicesAction": { kind: "action", allowed: permissions.canAssignDevice, valid: async () => form({ id: [await newDevice(), await newDevice()], assignee: "me" }), invalid: async () => form({ id: [await newDevice()], assignee: await viewer() }) },
  "devices/[id]/actions.ts#editDeviceAction": { kind: "action", allowed: permissions.canEditDevice, valid: async () => form({ id: await newDevice(), location: "ICU bed 12", department: "Intensive care", owner: "Biomed team" }), invalid: async () => form({ id: await newDevice(), location: "x".repeat(121) }) },
  "alerts/actions.ts#handleMatchingAlertsAction": { kind: "action", allowed: permissions.canHandleAlert, valid: async () => { const device = await newDevice(); return form({ op: "acknowledge_all", filter: `device=${device}`, expected: String(await getDb().alert.count({ where: { deviceId: device, status: "open" } })) }); }, invalid: async () => form({ op: "acknowledge_all", filter: "colour=red", expected: "1" }) },
  "settings/policies/actions.ts#createPolicyAction": { kind: "action", allowed: canManagePolicies, valid: async () => form({ kind: "usb_allow", name: `Walk ${unique()}`, entries: "046d:c31c" }), invalid: async () => form({ kind: "usb_allow", name: "Walk", entries: "keyboard" }) },
  "settings/policies/actions.ts#allowExactlyAction": { kind: "action", allowed: canManagePolicies, valid: async () => form({ addTo: await policy(), kind: "baseline", fingerprints: "ab".repeat(32) }), invalid: async () => form({ addTo: "", kind: "usb_allow", name: "Walk", entries: "keyboard" }) },
  "settings/policies/actions.ts#updatePolicyAction": { kind: "action", allowed: canManagePolicies, valid: async () => form({ id: await policy(), kind: "baseline", name: `Walk ${unique()}`, categories: ["ventilator"] }), invalid: async () => form({ id: await policy(), kind: "baseline", name: "Walk" }) },
  "settings/policies/actions.ts#setPolicyEnabledAction": { kind: "action", allowed: canManagePolicies, valid: async () => form({ id: await policy(), enabled: "false" }), invalid: async () => form({ id: await policy(), enabled: "maybe" }) },
  "settings/policies/actions.ts#previewPolicyAction": { kind: "action", allowed: canManagePolicies, dryRun: true, valid: async () => form({ kind: "usb_allow", name: `Walk ${unique()}`, entries: "046d:c31c" }), invalid: async () => form({ kind: "usb_allow", name: "Walk", entries: "keyboard" }) },
  "settings/policies/actions.ts#deletePolicyAction": { kind: "action", allowed: canManagePolicies, valid: async () => form({ id: await policy() }), invalid: async () => form({ id: "no-such-policy" }) },
  // Feeds come from a local mirror (never the internet); each valid update finds a newer KEV catalog.
  "settings/feeds/actions.ts#setFeedSourceAction": { kind: "action", allowed: canImportFeeds, valid: async () => form({ feed: "kev", url: `${feedMirror.urls.kev}?walk=${unique()}` }), invalid: async () => form({ feed: "kev", url: "ftp://mirror.example/kev.json" }) },
  "settings/feeds/actions.ts#rollbackFeedAction": { kind: "action", allowed: canImportFeeds, valid: async () => form({ importId: await rollbackableImport() }), invalid: async () => form({ importId: "" }) },
  "settings/feeds/actions.ts#updateFeedsNowAction": { kind: "action", allowed: canImportFeeds, valid: async () => (feedMirror.set({ kevCves: ++mirrorCves }), form({ feed: "kev" })), invalid: async () => form({ feed: "nvd" }) },
  "settings/sites/actions.ts#renameSiteAction": { kind: "action", allowed: permissions.canEditPlaces, valid: async () => form({ id: await site(), name: `Walk ${unique()}` }), invalid: async () => form({ id: await site(), name: "" }) },
  "settings/sites/actions.ts#renameSegmentAction": { kind: "action", allowed: permissions.canEditPlaces, valid: async () => form({ id: await segment(), label: `Walk ${unique()}` }), invalid: async () => form({ id: await segment(), label: "x".repeat(121) }) },
  "settings/sites/actions.ts#setSegmentExposureAction": { kind: "action", allowed: permissions.canEditPlaces, valid: async () => form({ id: await segment(), exposure: "isolated" }), invalid: async () => form({ id: await segment(), exposure: "airgapped" }) },
  "settings/sites/actions.ts#setSiteLearningAction": { kind: "action", allowed: permissions.canEditPlaces, valid: async () => form({ id: await site(), days: "14" }), invalid: async () => form({ id: await site(), days: "365" }) },
  "settings/sites/actions.ts#moveSegmentAction": { kind: "action", allowed: permissions.canEditPlaces, valid: async () => form({ id: await segment(), siteId: await site() }), invalid: async () => form({ id: await segment(), siteId: "no-such-site" }) },
  "settings/integrations/enforcement-actions.ts#setSiteEnforcementModeAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await site(), mode: "block_listed" }), invalid: async () => form({ id: await site(), mode: "lockdown" }) },
  "settings/integrations/enforcement-actions.ts#setAgentEnforcementModeAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: (await enrol()).id, mode: "allow_listed" }), invalid: async () => form({ id: (await enrol()).id, mode: "lockdown" }) },
  "settings/integrations/syslog-actions.ts#saveSyslogTargetAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ name: `walk-${unique()}`, host: "127.0.0.1", port: "514", transport: "udp", format: "cef", alerts: "on", minSeverity: "high" }), invalid: async () => form({ name: "walk", host: "not a host", port: "0", transport: "pigeon", format: "cef", minSeverity: "high" }) },
  "settings/integrations/syslog-actions.ts#setSyslogTargetEnabledAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await syslogTarget(), enabled: "false" }), invalid: async () => form({ id: "no-such-target", enabled: "true" }) },
  "settings/integrations/syslog-actions.ts#deleteSyslogTargetAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await syslogTarget() }), invalid: async () => form({ id: "no-such-target" }) },
  "settings/integrations/syslog-actions.ts#testSendSyslogAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await syslogTarget() }), invalid: async () => form({ id: "no-such-target" }) },
  "settings/reports/actions.ts#saveReportScheduleAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ cadence: "off", delivery: "folder", folder: (await import("node:os")).tmpdir() }), invalid: async () => form({ cadence: "weekly", delivery: "folder", folder: "relative/path" }) },
  "settings/reports/actions.ts#testSendReportAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => (await getDb().setting.upsert({ where: { key: "report.schedule" }, create: { key: "report.schedule", value: JSON.stringify({ cadence: "off", delivery: "folder", folder: (await import("node:os")).tmpdir() }) }, update: { value: JSON.stringify({ cadence: "off", delivery: "folder", folder: (await import("node:os")).tmpdir() }) } }), form({})), invalid: async () => (await getDb().setting.deleteMany({ where: { key: "report.schedule" } }), form({})) },
  "settings/integrations/webhook-actions.ts#createWebhookAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ name: `walk-${unique()}`, url: "https://nac.example.org/hook", kinds: ["spoof", "device.blocked"], minSeverity: "high" }), invalid: async () => form({ name: "walk", url: "ftp://nac.example.org", kinds: ["nonsense"], minSeverity: "high" }) },
  "settings/integrations/webhook-actions.ts#editWebhookAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await webhook(), name: `walk-${unique()}`, url: "https://soar.example.org/hook", kinds: ["audit"], minSeverity: "info" }), invalid: async () => form({ id: await webhook(), name: "walk", url: "not a url", kinds: [], minSeverity: "high" }) },
  "settings/integrations/webhook-actions.ts#rotateWebhookSecretAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await webhook() }), invalid: async () => form({ id: "no-such-webhook" }) },
  "settings/integrations/webhook-actions.ts#setWebhookEnabledAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await webhook(), enabled: "false" }), invalid: async () => form({ id: "no-such-webhook", enabled: "true" }) },
  "settings/integrations/webhook-actions.ts#testSendWebhookAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: await webhook() }), invalid: async () => form({ id: "no-such-webhook" }) },
  "settings/integrations/webhook-actions.ts#redeliverWebhookMessageAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: (await deadLetter()).messageId }), invalid: async () => form({ id: "no-such-message" }) },
  "settings/integrations/webhook-actions.ts#redeliverAllDeadAction": { kind: "action", allowed: permissions.canManageIntegrations, valid: async () => form({ id: (await deadLetter()).webhookId }), invalid: async () => form({ id: "no-such-webhook" }) },
  // Each person's own second factor: every role may, on their own account only (the session's, never an id from the form).
  "account/two-factor/actions.ts#startTwoFactorAction": { kind: "action", allowed: canManageOwnAccount, valid: async () => (await secondFactor("off"), form({})), invalid: async () => (await secondFactor("on"), form({})) },
  "account/two-factor/actions.ts#confirmTwoFactorAction": { kind: "action", allowed: canManageOwnAccount, valid: async () => form({ code: await secondFactor("pending") }), invalid: async () => form({ code: "" }) },
  "account/two-factor/actions.ts#regenerateRecoveryCodesAction": { kind: "action", allowed: canManageOwnAccount, valid: async () => form({ code: await secondFactor("on") }), invalid: async () => form({ code: "x".repeat(33) }) },
  "account/two-factor/actions.ts#disableTwoFactorAction": { kind: "action", allowed: canManageOwnAccount, valid: async () => form({ code: await secondFactor("on"), password: await ownPassword(TEST_PASSWORD) }), invalid: async () => form({ code: "", password: "" }) },
  // The Assets view's actions on a register entry (app/(dashboard)/assets/actions.ts): an entry of its own source each time, written directly.
  "assets/actions.ts#linkAssetAction": { kind: "action", allowed: permissions.canManageAssetRegister, valid: async () => form({ assetId: (await getDb().asset.create({ data: { source: { create: { name: `walk-${unique()}` } }, assetTag: "AT-1", assetTagKey: "AT-1" } })).id, deviceId: await newDevice() }), invalid: async () => form({ assetId: "no-such-entry", deviceId: await newDevice() }) },
  "assets/actions.ts#unlinkAssetAction": { kind: "action", allowed: permissions.canManageAssetRegister, valid: async () => { const deviceId = await newDevice(); const a = await getDb().asset.create({ data: { source: { create: { name: `walk-${unique()}` } }, assetTag: "AT-1", assetTagKey: "AT-1", deviceId, linkKey: "mac", linkConfidence: "high", state: "reconciled" } }); await getDb().deviceRegisterLink.create({ data: { deviceId, assetId: a.id } }); return form({ assetId: a.id, deviceId }); }, invalid: async () => form({ assetId: "no-such-entry" }) },
  "assets/actions.ts#markNotNetworkAction": { kind: "action", allowed: permissions.canManageAssetRegister, valid: async () => form({ assetId: (await getDb().asset.create({ data: { source: { create: { name: `walk-${unique()}` } }, assetTag: "AT-1", assetTagKey: "AT-1" } })).id, reason: "manual bed, no network port" }), invalid: async () => form({ assetId: (await getDb().asset.create({ data: { source: { create: { name: `walk-${unique()}` } }, assetTag: "AT-1", assetTagKey: "AT-1" } })).id, reason: "" }) },
  "assets/actions.ts#clearNotNetworkAction": { kind: "action", allowed: permissions.canManageAssetRegister, valid: async () => form({ assetId: (await getDb().asset.create({ data: { source: { create: { name: `walk-${unique()}` } }, assetTag: "AT-1", assetTagKey: "AT-1", state: "not_network", notNetworkAt: new Date(), notNetworkBy: "walk", notNetworkReason: "a cart" } })).id }), invalid: async () => form({ assetId: "no-such-entry" }) },
  // Settings → Asset register (issue 16): a register file imported as a source of its own each time (valid), a row without its tag (invalid); the missing-after days, a different value each time.
  "POST /api/assets/import": { kind: "route", allowed: permissions.canManageAssetRegister, ok: 200, valid: async () => ({ body: form({ source: `Walk ${unique()}`, step: "import", mapping: JSON.stringify({ assetTag: "Tag" }), file: new File([`Tag,Model\nWALK-${unique()},Alaris\n`], "register.csv", { type: "text/csv" }) }) }), invalid: async () => ({ body: form({ source: `Walk ${unique()}`, step: "import", mapping: JSON.stringify({ assetTag: "Tag" }), file: new File(["Tag,Model\n,Alaris\n"], "register.csv", { type: "text/csv" }) }) }) },
  "settings/assets/actions.ts#setMissingAfterDaysAction": { kind: "action", allowed: permissions.canManageAssetRegister, valid: async () => form({ days: String(2 + (++pumpNumber % 360)) }), invalid: async () => form({ days: "0" }) },
  // Firmware change control (issue 17): the plan form (preview: a dry run), the four-eyes decision
  // (on another engineer's plan), cancel (the signed-in person's own plan), tasks and reviews.
  "changes/new/actions.ts#previewPlanAction": { kind: "action", allowed: permissions.canPlanChange, dryRun: true, valid: async () => form({ selection: "devices", deviceId: await newDevice(), targetVersion: "12.3.0" }), invalid: async () => form({ selection: "devices", targetVersion: "" }) },
  "changes/new/actions.ts#planChangeAction": { kind: "action", allowed: permissions.canPlanChange, valid: async () => planForm(), invalid: async () => planForm({ windowEnd: localTomorrow(-1) }) },
  "changes/[id]/actions.ts#decidePlanAction": { kind: "action", allowed: permissions.canDecideChange, valid: async () => form({ planId: (await othersPlan()).planId, decision: "approve" }), invalid: async () => form({ planId: (await othersPlan()).planId, decision: "reject", reason: "" }) },
  "changes/[id]/actions.ts#cancelPlanAction": { kind: "action", allowed: permissions.canPlanChange, valid: async () => form({ planId: (await changePlan("submitted", session.current?.user.id ?? null)).planId, reason: "the ward moved the window" }), invalid: async () => form({ planId: (await changePlan("submitted", session.current?.user.id ?? null)).planId, reason: "" }) },
  "changes/actions.ts#closeTaskAction": { kind: "action", allowed: permissions.canHandleContingency, valid: async () => form({ ...(await openTask()), outcome: "retried" }), invalid: async () => form({ ...(await openTask()), outcome: "waived" }) },
  "changes/actions.ts#reassignTaskAction": { kind: "action", allowed: permissions.canHandleContingency, valid: async () => form({ ...(await openTask()), ownerId: users.engineer.id, dueAt: inDays(10) }), invalid: async () => form({ ...(await openTask()), ownerId: users.engineer.id, dueAt: "next week" }) },
  "changes/actions.ts#reviewFirmwareAction": { kind: "action", allowed: permissions.canReviewFirmware, valid: async () => form({ ...(await unplannedChange()), reason: "vendor field service, work order 4711" }), invalid: async () => form({ ...(await unplannedChange()), reason: "" }) },
};

/** Mutations the walk leaves to others, and why. */
const EXEMPT: Record<string, string> = {
  "POST /api/auth/[...nextauth]": "next-auth's own sign-in flow (tests/integration/signin.test.ts)",
  "POST /api/v1/reports": "agent-token only: walked below, where a signed-in user's session must not authenticate it",
  "POST /api/v1/enforcement": "agent-token only, like reports: tests/integration/enforcement-api.test.ts (401 without a token, 403 revoked)",
  "PUT /api/v1/assets/[assetTag]": "API key only (scope assets:write), never a session: tests/integration/asset-push-api.test.ts (401, 403 insufficient_scope, 400, idempotence)",
  "POST /api/v1/changes": "API key only (scope changes:write), never a session, like the other /api/v1 routes: tests/integration/change-api.test.ts",
  "POST /api/v1/assets/bulk": "API key only (scope assets:write), never a session: tests/integration/asset-push-api.test.ts (all or nothing, each problem with its index)",
};

/** Predicates no mutation uses (yet): classified here so a new predicate cannot go unnoticed. */
const NOT_FOR_MUTATIONS: Record<string, string> = {
  canViewDashboard: "pages only",
  canViewAuditLog: "the audit page only",
};

// ─── Calling ──────────────────────────────────────────────────────────────────────────────────

const ORIGIN = "http://localhost:3000";
type Who = Role | "nobody";
type Outcome = { status: number; body: { error?: { code: string; message: string } } } | { ok: boolean; message?: string };

function signIn(who: Who) {
  session.current = who === "nobody" ? null : { user: { id: users[who].id, email: users[who].email, role: who } };
}

async function callRoute(found: Found, call: RouteCall, headers: Record<string, string> = { origin: ORIGIN }): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  const [, route] = found.key.split(" ");
  const url = ORIGIN + route.replace(/\[(\w+)\]/g, (_, name: string) => call.params?.[name] ?? "");
  const multipart = call.body instanceof FormData;
  const init: RequestInit = { method: found.exportName, headers: { host: "localhost:3000", ...(multipart || call.body === undefined ? {} : { "content-type": "application/json" }), ...headers } };
  if (call.body !== undefined) init.body = multipart ? (call.body as FormData) : JSON.stringify(call.body);
  const response = await (found.fn as unknown as (r: Request, c: unknown) => Promise<Response>)(new Request(url, init), { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

const callAction = (found: Found, data: FormData) => (found.fn as unknown as (previous: null, form: FormData) => Promise<{ ok: boolean; message?: string }>)(null, data);

/** Builds the fixtures and the call first (they may write audit rows of their own), then calls. */
async function prepare(found: Found, spec: Spec, variant: "valid" | "invalid"): Promise<() => Promise<Outcome>> {
  if (spec.kind === "action") {
    const data = await spec[variant]();
    return () => callAction(found, data);
  }
  const call = await (variant === "valid" ? spec.valid : (spec.invalid ?? spec.valid))();
  return () => callRoute(found, call);
}

const auditCount = (actorId?: string) => getDb().auditLog.count({ where: actorId ? { actorId } : {} });

// ─── The walk ─────────────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  process.env.AGENT_REPORTS_PER_MINUTE = "1000000";
  // Second factors are sealed with a key from the session secret; an administrator may turn theirs
  // off here (the rule that they must keep one is walked in two-factor.test.ts).
  process.env.NEXTAUTH_SECRET ||= "role-walk-session-secret-0123456789abcdef";
  process.env.ADMIN_TWO_FACTOR = "optional";
  feedMirror = await startFeedFixtureServer();
  Object.assign(process.env, feedMirror.env);
  agentToken = (await enrol()).token;
  for (const role of ROLES) {
    const u = await makeUser(role);
    users[role] = { id: u.id, email: u.email, role };
  }
  return async () => {
    await feedMirror.close();
    for (const name of Object.keys(feedMirror.env)) delete process.env[name];
    delete process.env.AGENT_REPORTS_PER_MINUTE;
    delete process.env.ADMIN_TWO_FACTOR;
  };
});

describe("the table covers every mutation and every predicate", () => {
  it("discovers the mutations it knows, and no other", () => {
    const keys = discovered.map((f) => f.key);
    expect(keys.filter((k) => !(k in TABLE) && !(k in EXEMPT)), "mutations found in app/ that the walk does not cover: add them to TABLE").toEqual([]);
    expect(Object.keys(TABLE).filter((k) => !keys.includes(k)), "TABLE entries that no longer exist in app/").toEqual([]);
  });

  it("classifies every predicate of lib/auth/roles.ts", () => {
    const predicates = Object.entries(permissions).filter(([name, value]) => name.startsWith("can") && typeof value === "function");
    const used = new Set(Object.values(TABLE).map((s) => s.allowed));
    const unclassified = predicates.filter(([name, fn]) => !used.has(fn as Predicate) && !(name in NOT_FOR_MUTATIONS)).map(([name]) => name);
    expect(unclassified, "predicates neither used by a walked mutation nor listed in NOT_FOR_MUTATIONS").toEqual([]);
    const stale = Object.keys(NOT_FOR_MUTATIONS).filter((name) => !predicates.some(([n]) => n === name) || used.has(permissions[name as keyof typeof permissions] as Predicate));
    expect(stale, "NOT_FOR_MUTATIONS entries that are gone or now guard a mutation").toEqual([]);
  });

  it("each mutation checks, in its source, the very predicate the table expects", () => {
    for (const found of discovered.filter((f) => f.key in TABLE)) {
      const source = readFileSync(found.file, "utf8");
      const start = source.search(new RegExp(`export (?:async )?(?:function ${found.exportName}\\(|const ${found.exportName} =)`));
      expect(start, `${found.key}: no \`export function/const ${found.exportName}\` in ${found.file}`).toBeGreaterThanOrEqual(0);
      const next = source.indexOf("\nexport ", start + 1);
      const body = source.slice(start, next < 0 ? undefined : next);
      const checked = [...body.matchAll(/requirePermission\((\w+)\)/g)].map((m) => m[1]);
      expect(checked, found.key).toEqual([TABLE[found.key].allowed.name]);
    }
  });
});

const walked = discovered.filter((f) => f.key in TABLE);
const WHO: Who[] = [...ROLES, "nobody"];

describe.each(walked.map((f) => [f.key, f] as const))("%s", (key, found) => {
  const spec = TABLE[key];

  it.each(WHO)("as %s", async (who) => {
    signIn(who);
    const may = who !== "nobody" && spec.allowed({ role: who });
    const send = await prepare(found, spec, "valid");
    const allBefore = await auditCount();
    const actorBefore = who === "nobody" ? 0 : await auditCount(users[who].id);
    const outcome = await send();
    const detail = JSON.stringify(outcome).slice(0, 300);

    if (who === "nobody") {
      if ("status" in outcome) expect(outcome, detail).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
      else expect(outcome, detail).toMatchObject({ ok: false, message: "Sign in first." });
    } else if (!may) {
      if ("status" in outcome) expect(outcome, detail).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      else expect(outcome, detail).toEqual({ ok: false, message: "Your role does not allow this.", fieldErrors: {} });
    } else {
      if ("status" in outcome) expect(outcome.status, detail).toBe((spec as RouteSpec).ok);
      else expect(outcome, detail).toMatchObject({ ok: true });
      // Every row the mutation wrote to the audit log names the person who made it.
      const written = (await auditCount()) - allBefore;
      if (spec.kind === "action" && spec.dryRun) {
        expect(written, `${key} as ${who} is a dry run but wrote to the audit log`).toBe(0);
        return;
      }
      expect(written, `${key} as ${who} wrote no audit row`).toBeGreaterThan(0);
      expect((await auditCount(users[who].id)) - actorBefore, `${key} as ${who}: audit rows not naming the actor`).toBe(written);
      expect(await getDb().auditLog.count({ where: { actorId: users[who].id, NOT: { actorLabel: users[who].email } } })).toBe(0);
      return;
    }
    expect(await auditCount(), `${key} as ${who} was refused but wrote to the audit log`).toBe(allBefore);
  });

  it("an invalid request from a role that may is a validation 4xx, never 401/403, and writes nothing", async () => {
    const who = ROLES.find((role) => spec.allowed({ role }))!;
    signIn(who);
    const send = await prepare(found, spec, "invalid");
    const before = await auditCount();
    const outcome = await send();
    const detail = JSON.stringify(outcome).slice(0, 300);
    if ("status" in outcome) {
      expect(outcome.status, detail).toBeGreaterThanOrEqual(400);
      expect(outcome.status, detail).toBeLessThan(500);
      expect([401, 403], detail).not.toContain(outcome.status);
    } else {
      expect(outcome.ok, detail).toBe(false);
      expect(["Sign in first.", "Your role does not allow this.", "Something went wrong on the server."], detail).not.toContain(outcome.message);
    }
    expect(await auditCount()).toBe(before);
  });

  if (spec.kind === "action") {
    it.each([["https://evil.example"], ["null"], [""]])("as admin, refuses Origin %j (CSRF): refused, nothing written", async (origin) => {
      signIn("admin");
      const data = await spec.valid();
      const before = await auditCount();
      actionRequest.headers = { host: "localhost:3000", ...(origin ? { origin } : {}) };
      try {
        expect(await callAction(found, data)).toEqual({ ok: false, message: "This request must come from the dashboard itself." });
      } finally {
        actionRequest.headers = { host: "localhost:3000", origin: ORIGIN };
      }
      expect(await auditCount()).toBe(before);
    });
  }

  if (spec.kind === "route") {
    it.each([["https://evil.example"], ["null"], [""]])("as admin, refuses Origin %j (CSRF): 403, nothing written", async (origin) => {
      signIn("admin");
      const call = await spec.valid();
      const before = await auditCount();
      const outcome = await callRoute(found, call, origin ? { origin } : {});
      expect(outcome, JSON.stringify(outcome).slice(0, 300)).toMatchObject({ status: 403, body: { error: { code: "cross_site_request" } } });
      expect(await auditCount()).toBe(before);
    });
  }
});

describe("POST /api/v1/reports takes an agent token, never a session", () => {
  const reports = () => discovered.find((f) => f.key === "POST /api/v1/reports")!;

  it.each(ROLES)("a signed-in %s's session and cookie do not authenticate it (401), nothing stored", async (role) => {
    signIn(role);
    const before = { reports: await getDb().report.count(), devices: await getDb().device.count(), audit: await auditCount() };
    const request = new Request(`${ORIGIN}/api/v1/reports`, {
      method: "POST",
      headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json", cookie: "next-auth.session-token=a-session-cookie" },
      body: JSON.stringify(report([pump(69_999)])),
    });
    const response = await (reports().fn as unknown as (r: Request) => Promise<Response>)(request);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
    expect({ reports: await getDb().report.count(), devices: await getDb().device.count(), audit: await auditCount() }).toEqual(before);
  });
});
