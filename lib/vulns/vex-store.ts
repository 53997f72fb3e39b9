// Writing a manufacturer's VEX (vex.ts reads it), inside the importer's transaction (import.ts).
import type { Prisma } from "../db/client";
import { normalizeProduct, normalizeVendor } from "../domain/vulns/vendor-aliases";
import type { VexDocument } from "./vex";

/** A VEX replaces its previous statements (same document, or same device): a revision says it all again. */
export async function writeVex(tx: Prisma.TransactionClient, vex: VexDocument, deviceId: string | null): Promise<Record<string, number | string>> {
  await tx.vexStatement.deleteMany({ where: { source: vex.source, deviceId } });
  await tx.vexStatement.createMany({
    data: vex.statements.map((s) => ({
      source: vex.source, vulnerabilityId: s.vulnerabilityId, deviceId,
      vendorNormalized: s.vendor ? normalizeVendor(s.vendor) : null, productNormalized: s.product ? normalizeProduct(s.product, s.vendor ?? undefined) : null,
      versionRange: s.versionRange, cpe: s.cpe, purl: s.purl, status: s.status, justification: s.justification, detail: s.detail?.slice(0, 2000) ?? null,
    })),
  });
  return { source: vex.source, statements: vex.statements.length, notAffected: vex.statements.filter((s) => s.status === "not_affected").length };
}
