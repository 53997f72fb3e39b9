// The advisories' affected products and the manufacturers' VEX statements, read and indexed for
// matching: one reader for the risk refresh and the device page's manufacturer view, so both see
// the same products mapped the same way.
import type { Db } from "./client";
import { matchContext, type MatchContext } from "../domain/vulns/device-matches";
import { vexRule, type RemediationNote } from "../domain/vulns/vendor-statements";

const PRODUCT_SELECT = { id: true, advisoryId: true, vendor: true, product: true, versionRange: true, cves: true, status: true, remediations: true } as const;

export async function readMatchContext(db: Pick<Db, "affectedProduct" | "vexStatement">): Promise<MatchContext> {
  const [products, statements] = await Promise.all([db.affectedProduct.findMany({ select: PRODUCT_SELECT }), db.vexStatement.findMany()]);
  return matchContext(products.map((p) => ({ ...p, cves: p.cves as string[], remediations: p.remediations as RemediationNote[] | null })), statements.map(vexRule));
}
