// What a large seed needs before its devices (lib/tools/seed/large-estate.ts): the real feeds, the
// user named on seeded acknowledgements and acceptances, and the hospital's sites, agents and
// segments. Existing ones (by name) are reused, so a second seed appends to the same hospital.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../../db/client";
import { importFeeds } from "../../vulns/import";
import type { buildHospital } from "../simulator/hospital";

/** Where a device of a segment sits: its site, segment, reporting agent and the segment's exposure. */
export type Place = { siteId: string; segmentId: string; agentId: string; exposure: string };

const SITE_NAMES = ["General Hospital", "Children's Hospital", "Heart Institute", "Cancer Centre", "North Clinic", "South Clinic", "Rehabilitation Centre", "Imaging Centre"];

/** The CSAF advisories and the KEV catalog under `dataDir`, unless advisories are there already; returns the files imported (audited as `importedBy`). */
export async function importRealFeeds(db: Db, dataDir: string, importedBy = "seed-large") {
  if ((await db.advisory.count()) > 0) return 0;
  const csafDir = path.join(dataDir, "csaf");
  const kevFile = path.join(dataDir, "kev", "known_exploited_vulnerabilities.json");
  if (!existsSync(csafDir)) return 0;
  const files = readdirSync(csafDir).filter((f) => f.endsWith(".json")).sort().map((f) => ({ name: f, bytes: readFileSync(path.join(csafDir, f)) }));
  if (existsSync(kevFile)) files.push({ name: "known_exploited_vulnerabilities.json", bytes: readFileSync(kevFile) });
  await importFeeds(db, files, { actor: { system: importedBy } });
  return files.length;
}

export async function seedUser(db: Db) {
  const email = "seed-analyst@example.invalid";
  // Nobody signs in as this user (the password is random and thrown away): it is the name on
  // seeded acknowledgements and risk acceptances.
  const { hashPassword } = await import("../../auth/password");
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return existing.id;
  const user = await db.user.create({ data: { email, name: "Seeded analyst", role: "analyst", passwordHash: await hashPassword(randomBytes(24).toString("base64url")) }, select: { id: true } });
  return user.id;
}

/** Sites, agents and segments of the simulated hospital; existing ones (by name) are reused. */
export async function seedPlaces(db: Db, hospital: ReturnType<typeof buildHospital>) {
  const sites = [];
  for (const name of SITE_NAMES) sites.push(await db.site.upsert({ where: { name }, create: { name, description: `Seeded estate: ${name}` }, update: {}, select: { id: true } }));
  const agents = [];
  for (const a of hospital.agents) {
    const name = `seed-${a.hostname}`;
    const siteId = sites[a.index % sites.length].id;
    const token = randomBytes(32).toString("hex");
    agents.push(await db.agent.upsert({
      where: { name },
      create: { name, siteId, tokenHash: token, tokenPrefix: token.slice(0, 8), hostname: a.hostname, version: "seed-1.0", lastSeenAt: new Date(), expectedInterval: 300 },
      update: {},
      select: { id: true, siteId: true },
    }));
  }
  const places = new Map<string, Place>();
  for (const s of hospital.segments) {
    const agent = agents[s.agent];
    const siteId = agent.siteId!;
    // Most clinical VLANs are segmented; the IT and PACS VLANs reach the general network; one in
    // forty segments is exposed to the internet (a vendor's remote-support DMZ).
    const exposure = s.index % 40 === 39 ? "internet" : s.clinical ? "clinical_segmented" : "general_it";
    const segment = await db.segment.upsert({ where: { reportedSiteId_name: { reportedSiteId: siteId, name: s.name } }, create: { siteId, reportedSiteId: siteId, name: s.name, exposure, vlan: s.vlan }, update: {}, select: { id: true, exposure: true } });
    places.set(s.name, { siteId, segmentId: segment.id, agentId: agent.id, exposure: segment.exposure });
  }
  return { places, agents };
}
