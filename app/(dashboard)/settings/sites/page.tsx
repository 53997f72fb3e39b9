import type { Metadata } from "next";
import Link from "next/link";
import { SegmentRowForm, type SegmentRowData } from "@/components/settings/segment-row-form";
import { SiteRenameForm } from "@/components/settings/site-rename-form";
import { SiteLearningForm } from "@/components/settings/site-learning-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { canEditPlaces } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { EXPOSURE_WORDS } from "@/lib/domain/risk/explain-risk";
import { EXPOSURE_FACTOR } from "@/lib/domain/risk/risk-model";
import { countOf } from "@/lib/domain/words/count";
import { whenUtc } from "@/lib/domain/words/time-format";
import { EXPOSURES } from "@/lib/domain/words/vocabulary";
import { listSiteSettings, type SegmentSetting } from "@/lib/queries/sites";
import { siteLearningStates } from "@/lib/queries/alerts";
import { moveSegmentAction, renameSegmentAction, renameSiteAction, setSegmentExposureAction, setSiteLearningAction } from "./actions";

export const metadata: Metadata = { title: "Sites and segments" };

const EXPOSURE_OPTIONS: [string, string][] = EXPOSURES.map((e) => [e, `${EXPOSURE_WORDS[e]} (${EXPOSURE_FACTOR[e]})`]);
const SEGMENT_ACTIONS = { rename: renameSegmentAction, exposure: setSegmentExposureAction, move: moveSegmentAction };

function exposureNote(s: SegmentSetting): string {
  if (s.exposureSource === "set") return `set by ${s.exposureSetBy ?? "someone"} on ${whenUtc(s.exposureSetAt)}`;
  return "guessed from its name";
}

function WhatThisDoes() {
  return (
    <Card title="Sites, segments and exposure" className="mb-4">
      <div className="grid gap-3 text-sm text-slate-700 md:grid-cols-2">
        <p>
          A <span className="font-medium">site</span> is a hospital or campus: agents enrolled for it report there, agents enrolled
          without one report to the default site. A <span className="font-medium">segment</span> is a network (a VLAN) an agent names
          in its reports; it appears here the first time it is reported.
        </p>
        <p>
          A segment&apos;s <span className="font-medium">exposure class</span> is the risk model&apos;s exposure factor for every device on
          it, from internet (1.0) to USB only (0.2). It is guessed from the segment&apos;s name at first: correct it here, and its devices
          are rescored within seconds.
        </p>
        <p>
          Renaming changes what people see; agents keep reporting the segment under its own name, and it is still found. A moved segment
          takes its devices with it, now and on every later report.
        </p>
        <p>
          A <span className="font-medium">learning period</span> (off unless you start one) is for a site&apos;s first inventory: until
          it ends, new devices there are inventoried without a &ldquo;new device&rdquo; alert each. Unauthorized and spoof alerts still
          fire. The overview shows every site that is learning.
        </p>
        <p>
          Every change is kept in the <Link href="/settings/audit" className="text-brand-700 underline">audit log</Link> with what it was
          before.
        </p>
      </div>
    </Card>
  );
}

export default async function SitesPage() {
  await requirePagePermission(canEditPlaces);
  const [sites, learning] = await Promise.all([listSiteSettings(), siteLearningStates()]);
  const siteOptions: [string, string][] = sites.map((s) => [s.id, s.name]);
  return (
    <>
      <PageHeader title="Sites and segments" description="Where devices are: rename sites and segments, set each segment's exposure class, move a segment to another site." />
      <WhatThisDoes />
      {sites.length === 0 && (
        <Card>
          <p className="text-sm text-slate-600">No site yet: sites and segments appear when agents report. Enrol an agent under Agents.</p>
        </Card>
      )}
      {sites.map((site) => (
        <Card key={site.id} className="mb-4">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-base font-semibold text-slate-800">
              {site.name} {site.isDefault && <Badge tone="info">default site</Badge>}
            </h2>
            <SiteRenameForm action={renameSiteAction} id={site.id} name={site.name} />
          </div>
          <div className="mb-3">
            <SiteLearningForm action={setSiteLearningAction} id={site.id} name={site.name} {...learningOf(learning.get(site.id))} />
          </div>
          {site.segments.length === 0 ? (
            <p className="text-sm text-slate-600">No segment reported on this site.</p>
          ) : (
            <Table columns={["Segment", "Exposure class", "Site"]} last="Devices" caption={`Segments of ${site.name}`}>
              {site.segments.map((s) => (
                <SegmentRowForm key={s.id} segment={rowData(s, site.id)} sites={siteOptions} exposures={EXPOSURE_OPTIONS} actions={SEGMENT_ACTIONS} />
              ))}
            </Table>
          )}
        </Card>
      ))}
    </>
  );
}

const rowData = (s: SegmentSetting, siteId: string): SegmentRowData => ({
  id: s.id, shown: s.shown, reportedName: s.reportedName, label: s.label, reportedBy: s.reportedBy, siteId,
  exposure: s.exposure, exposureNote: exposureNote(s), devices: countOf(s.devices, "device"),
});

/** A learning period as the form shows it: nulls when off. */
const learningOf = (state: { until: Date; daysLeft: number } | undefined) => ({ until: state ? whenUtc(state.until) : null, daysLeft: state?.daysLeft ?? null });
