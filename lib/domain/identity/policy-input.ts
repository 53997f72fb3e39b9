// What a person may send as a policy (Settings → Policies, POST /api/policies): bounded, checked
// before anything is stored. Pure: the commands validate with it, the form reader reports its
// problems against the form's own fields.
import { z } from "zod";

const hex4 = z.string().regex(/^[0-9a-fA-F]{4}$/, "4 hexadecimal digits").transform((v) => v.toLowerCase());
const list = (max: number) => z.array(z.string().trim().min(1).max(128)).max(max).optional();

// What every policy has besides its kind and rules.
const common = {
  name: z.string().trim().min(1).max(120),
  siteId: z.string().max(64).optional(),
  segmentId: z.string().max(64).optional(),
  enabled: z.boolean().default(true),
};

export const policySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("baseline"),
    ...common,
    rules: z
      .object({ categories: list(50), vendors: list(200), fingerprints: z.array(z.string().regex(/^[0-9a-f]{64}$/, "a fingerprint hash")).max(10_000).optional() })
      .refine((r) => r.categories?.length || r.vendors?.length || r.fingerprints?.length, "a baseline lists at least one category, vendor or fingerprint"),
  }),
  z.object({
    kind: z.literal("usb_allow"),
    ...common,
    rules: z.object({ entries: z.array(z.object({ vendorId: hex4, productId: hex4, serial: z.string().trim().max(128).optional() })).min(1).max(10_000) }),
  }),
]);
