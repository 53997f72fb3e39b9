import type { Metadata } from "next";
import Link from "next/link";
import { DecidedMatchesTable, PossibleMatchesTable } from "@/components/review/review-tables";
import { ReviewFilters } from "@/components/review/review-filters";
import { filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { canReviewMatches } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { countDecidedMatches, countPossibleMatches, listDecidedMatches, listPossibleMatches, parseReviewParams, refusedReviewParams, REVIEW_PAGE_SIZE, reviewFacets, type ReviewParams } from "@/lib/queries/match-review";
import { LAST_PAGE, PAGE_SIZES } from "@/lib/queries/page-params";
import { decideMatchAction, undoMatchDecisionAction } from "./actions";

export const metadata: Metadata = { title: "Possible matches" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const TABS = [["possible", "Waiting for review"], ["decided", "Decided"]] as const;

function Tabs({ params }: { params: ReviewParams }) {
  return (
    <nav aria-label="Review tabs" className="mb-4 flex gap-2 text-sm">
      {TABS.map(([tab, text]) => (
        <Link key={tab} href={hrefWith("/review", { ...params, tab: tab === "possible" ? undefined : tab }, ["cursor"])} aria-current={params.tab === tab ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${params.tab === tab ? "bg-brand-600 text-white" : "text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"}`}>
          {text}
        </Link>
      ))}
    </nav>
  );
}

/** The tab's list and its paging. */
async function possibleList({ params, canDecide }: { params: ReviewParams; canDecide: boolean }) {
  const [{ matches, nextCursor, previousCursor, cursorIgnored }, total] = await Promise.all([listPossibleMatches(params), countPossibleMatches(params)]);
  return { nextCursor, previousCursor, cursorIgnored, total, noun: ["possible match", "possible matches"] as const, body: matches.length === 0
    ? <p className="text-sm text-slate-600">No possible match is waiting for review{params.site || params.vendor ? " with these filters" : ""}. A possible match appears when a device&apos;s vendor matches an advisory but its model is only close, or its firmware or the advisory&apos;s version range cannot be read.</p>
    : <PossibleMatchesTable matches={matches} decide={canDecide ? decideMatchAction : null} /> };
}

async function decidedList({ params, canDecide }: { params: ReviewParams; canDecide: boolean }) {
  const [{ decisions, nextCursor, previousCursor, cursorIgnored }, total] = await Promise.all([listDecidedMatches(params), countDecidedMatches(params)]);
  return { nextCursor, previousCursor, cursorIgnored, total, noun: ["decision", "decisions"] as const, body: decisions.length === 0
    ? <p className="text-sm text-slate-600">No possible match has been confirmed or dismissed yet{params.site || params.vendor ? " with these filters" : ""}.</p>
    : <DecidedMatchesTable decisions={decisions} undo={canDecide ? undoMatchDecisionAction : null} /> };
}

export default async function ReviewPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  const search = await searchParams;
  const params = parseReviewParams(search);
  const canDecide = canReviewMatches(user);
  const [facets, list] = await Promise.all([reviewFacets(), params.tab === "decided" ? decidedList({ params, canDecide }) : possibleList({ params, canDecide })]);
  const chips = filterChips("/review", { ...params, tab: params.tab === "possible" ? undefined : params.tab }, {
    site: ["Site", (v) => facets.sites.find((s) => s.id === v)?.name ?? v],
    vendor: ["Vendor"],
  }, "cursor");
  const pageParams = { ...params, tab: params.tab === "possible" ? undefined : params.tab };
  return (
    <>
      <PageHeader
        title="Possible matches"
        description="CVEs the matching is not sure apply: the vendor matches an advisory, but the model is only close or a version cannot be read. Check the device and confirm (it counts as affected) or dismiss (it stops counting). Decisions are kept per device and CVE through advisory updates and rescoring; a dismissed match that an advisory later shows certainly affects the device comes back as affected."
      />
      <Tabs params={params} />
      <FilteredList
        filters={<ReviewFilters params={params} facets={facets} />}
        chips={chips}
        ignored={{ ignored: refusedReviewParams(search, params), names: { site: "Site", vendor: "Vendor", size: "Per page" } }}
        total={{ total: list.total, noun: list.noun[0], plural: list.noun[1] }}
        pages={{
          later: !!params.cursor && !list.cursorIgnored,
          next: list.nextCursor,
          previous: list.previousCursor,
          last: LAST_PAGE,
          href: (cursor) => hrefWith("/review", { ...pageParams, cursor }),
          size: { current: params.size ?? REVIEW_PAGE_SIZE, options: PAGE_SIZES, href: (size) => hrefWith("/review", { ...pageParams, cursor: undefined, size }) },
        }}
      >
        {list.cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {list.body}
      </FilteredList>
    </>
  );
}
