// The CISA Known Exploited Vulnerabilities catalog (JSON), validated.
import { z } from "zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const kevSchema = z.object({
  title: z.string().max(500),
  catalogVersion: z.string().min(1).max(50),
  dateReleased: z.iso.datetime({ offset: true }),
  count: z.number().int().nonnegative(),
  vulnerabilities: z
    .array(
      z.object({
        cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/),
        vendorProject: z.string().max(500),
        product: z.string().max(500),
        vulnerabilityName: z.string().max(1000),
        dateAdded: day,
        shortDescription: z.string().max(10_000),
        dueDate: day,
        knownRansomwareCampaignUse: z.string().max(50),
      }),
    )
    .max(100_000),
});
export type KevCatalog = z.infer<typeof kevSchema>;
