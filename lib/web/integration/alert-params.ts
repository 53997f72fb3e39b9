// GET /api/v1/alerts query: the Alerts view's filters (lib/queries/alerts.ts), strictly: a bad
// value is a 400 naming the parameter. Unknown parameters are ignored.
import { z } from "zod";
import { ALERT_KINDS, ALERT_SEVERITIES } from "../../domain/words/alert-kinds";
import { firstValues, isIsoDate, listQuery, strictParse } from "./device-params";

export const ALERT_STATUS_FILTERS = ["active", "open", "acknowledged", "resolved"] as const;
export const ALERT_SINCE = ["24h", "7d", "30d"] as const;
const id = z.string().trim().min(1).max(64).optional();

export const alertQuery = listQuery(
  {
    status: z.enum(ALERT_STATUS_FILTERS).optional().describe("active (open or acknowledged) when absent"),
    kind: z.enum(ALERT_KINDS).optional(),
    severity: z.enum(ALERT_SEVERITIES).optional(),
    device: id,
    agent: id,
    site: id.describe("a site's id: the alerts of its devices and of its agents"),
    since: z.enum(ALERT_SINCE).optional(),
  },
  (c) => isIsoDate(c.v),
  "not a nextCursor from this list",
);
export type AlertQuery = z.infer<typeof alertQuery>;

export function parseAlertQuery(url: URL): AlertQuery {
  return strictParse(alertQuery, firstValues(url, Object.keys(alertQuery.shape)));
}
