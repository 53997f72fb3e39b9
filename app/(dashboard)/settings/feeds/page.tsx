import type { Metadata } from "next";
import { summaryText } from "@/components/settings/feed-words";
import { FeedSources, FeedUpdateRuns } from "@/components/settings/feed-status";
import { FeedUpdateButton } from "@/components/settings/feed-update-button";
import { FeedUploadForm } from "@/components/settings/feed-upload-form";
import { FeedRollbackButton } from "@/components/settings/feed-rollback-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { canImportFeeds } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listFeedImports, listFeedSources, listFeedUpdateRuns, newestImportPerFeed, rollbackTargets, type FeedImportRow } from "@/lib/queries/feeds";
import { FEED_NAMES, FEEDS, ROLLBACK_KEPT, type Feed } from "@/lib/domain/words/feed-names";

import { rollbackFeedAction, setFeedSourceAction, updateFeedsNowAction } from "./actions";

export const metadata: Metadata = { title: "Feeds" };

const WHAT_TO_UPLOAD: Record<Feed, string> = {
  kev: "The Known Exploited Vulnerabilities catalog from CISA (known_exploited_vulnerabilities.json): a CVE listed there is known to be exploited, likelihood 1.",
  epss: "The daily EPSS scores from FIRST, as CSV or .csv.gz (epss_scores-YYYY-MM-DD.csv.gz): each CVE's probability of exploitation within 30 days.",
  csaf: "CSAF 2.0 JSON advisories, such as CISA's ICS medical advisories (ICSMA), several at once: they name the affected vendors, products and firmware ranges.",
  cyclonedx: "A CycloneDX JSON SBOM from a device's manufacturer, with the device it describes (its id or MAC) in the Device field.",
  vex: "A manufacturer's VEX (CSAF VEX, or CycloneDX VEX without components): what it says is not affected or fixed closes matches; a CycloneDX VEX about one device takes its id or MAC in the Device field.",
};

const feedDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

function Newest({ feed, row }: { feed: Feed; row: FeedImportRow | null }) {
  return (
    <div className="flex flex-col gap-1 rounded-md border border-slate-200 p-3 text-sm">
      <h3 className="font-semibold text-slate-800">{FEED_NAMES[feed]}</h3>
      <p className="text-xs text-slate-600">{WHAT_TO_UPLOAD[feed]}</p>
      {row ? (
        <p data-testid={`newest-${feed}`}>
          Newest: <span className="font-medium">{row.feedVersion ?? row.source}</span>, dated {feedDay(row.feedDate)}; imported {whenUtc(row.importedAt)} by {row.importedBy}
        </p>
      ) : (
        <p className="text-slate-500">Never imported.</p>
      )}
    </div>
  );
}

function RecentImports({ rows, rollbackable }: { rows: FeedImportRow[]; rollbackable: Set<string> }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">Nothing imported yet.</p>;
  return (
    <Table columns={["File", "Feed", "Version", { label: "Feed date", className: "whitespace-nowrap" }, "Imported", "Summary"]} last="Rollback">
      {rows.map((r) => (
        <tr key={r.id} className="border-b border-slate-100 align-top">
          <td className="py-1 pr-4 break-all">{r.source}{r.feed === "cyclonedx" || (r.feed === "vex" && r.target) ? <span className="block text-xs text-slate-500">for device {r.target}</span> : null}</td>
          <td className="py-1 pr-4">{FEED_NAMES[r.feed] ?? r.feed}</td>
          <td className="py-1 pr-4 break-all">{r.feedVersion ?? "—"}</td>
          <td className="whitespace-nowrap py-1 pr-4 tabular-nums">{feedDay(r.feedDate)}</td>
          <td className="py-1 pr-4 text-xs">{whenUtc(r.importedAt)}<br />{r.importedBy}</td>
          <td className="py-1 pr-4 text-xs text-slate-700">{summaryText(r.summary)}</td>
          <td className="py-1 text-xs">
            {rollbackable.has(r.id) ? <FeedRollbackButton action={rollbackFeedAction} importId={r.id} version={r.feedVersion ?? r.source} /> : null}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export default async function FeedsPage() {
  await requirePagePermission(canImportFeeds);
  const [newest, recent, sources, runs, rollbackable] = await Promise.all([newestImportPerFeed(), listFeedImports(), listFeedSources(), listFeedUpdateRuns(), rollbackTargets()]);
  return (
    <>
      <PageHeader
        title="Feeds"
        description="Vulnerability intelligence the risk scores are built from. A batch is imported whole or not at all; a file already imported changes nothing. After an import, devices are rescored in the background."
      />
      <Card title="Updates from the sources" className="mb-4">
        <div className="mb-3 flex flex-col gap-2 text-xs text-slate-600">
          <p>
            <code className="rounded bg-slate-100 px-1">npm run feeds:update</code> (or the server itself, every <code className="rounded bg-slate-100 px-1">FEEDS_UPDATE_INTERVAL</code> when set)
            fetches the KEV catalog, the day&apos;s EPSS scores and new CISA medical advisories (ICSMA only, each checked against its published SHA-512). A failed update changes nothing.
            Point a source at an internal mirror below; leave it empty for the default.
          </p>
          <FeedUpdateButton action={updateFeedsNowAction} />
        </div>
        <FeedSources rows={sources} action={setFeedSourceAction} />
      </Card>
      <Card title={`Recent updates (newest ${runs.length})`} className="mb-4">
        <FeedUpdateRuns runs={runs} />
      </Card>
      <Card title="Import files (air-gapped sites)" className="mb-4">
        <FeedUploadForm />
        <p className="mt-4 text-xs text-slate-600">
          The same from the command line, for big files or a folder of advisories: <code className="rounded bg-slate-100 px-1">npm run vuln:import -- &lt;files or folders&gt; [--device &lt;id or MAC&gt;]</code>
        </p>
      </Card>
      <Card title="What each feed is" className="mb-4">
        <div className="grid gap-3 md:grid-cols-2">
          {FEEDS.map((feed) => <Newest key={feed} feed={feed} row={newest[feed]} />)}
        </div>
      </Card>
      <Card title={`Recent imports (newest ${recent.length})`}>
        <p className="mb-3 text-xs text-slate-600">
          A KEV catalog or a day of EPSS scores that turned out wrong can be rolled back: the newest {ROLLBACK_KEPT} of each are kept for that. The file rolled back from stays
          recorded, so fetching it again changes nothing; a newer release is imported as usual.
        </p>
        <RecentImports rows={recent} rollbackable={rollbackable} />
      </Card>
    </>
  );
}
