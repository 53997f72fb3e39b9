// The riskiest devices with a known exploited vulnerability, for the CISO report
// (lib/queries/ciso-report.ts). Driven from the KEV side (Vulnerability kev index →
// DeviceVulnerability by vulnerability → Device by id), so its cost follows the number of KEV
// matches, never the size of the inventory.
import { parameters } from "./bulk";
import { providerOf, type Db } from "./client";

/** Ids of the `take` riskiest live devices (of one site, when given) with an affected KEV match, riskiest first. */
export async function riskiestKevDeviceIds(db: Db, siteId: string | undefined, take: number): Promise<string[]> {
  const p = parameters(providerOf(db));
  const site = siteId ? ` AND d."siteId" = ${p.bind(siteId)}` : "";
  const found = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT d."id" FROM "Device" d
      WHERE d."id" IN (SELECT dv."deviceId" FROM "DeviceVulnerability" dv JOIN "Vulnerability" v ON v."id" = dv."vulnerabilityId" WHERE v."kev" = true AND dv."status" = 'affected')
        AND d."status" <> 'retired'${site}
      ORDER BY d."riskScore" DESC, d."id" ASC LIMIT ${p.bind(take)}`,
    ...p.values,
  );
  return found.map((f) => f.id);
}
