// A local stand-in for the feed sources (CISA KEV, FIRST EPSS, CISA's CSAF directory), on
// 127.0.0.1 and a free port, serving fixtures built from the project's bundled snapshot
// (lib/reference). Tests never reach the internet.
//
//   const server = await startFeedFixtureServer({ kev: "ok", epss: "ok", csaf: "ok" });
//   process.env.FEEDS_KEV_URL = server.urls.kev;   // or Object.assign(env, server.env)
//   …
//   server.set({ kev: "hang" });                   // change what it serves, mid-test
//   server.requests                                 // every request: method, path, headers, status
//   await server.close();
//
// URLs: `${url}/kev/known_exploited_vulnerabilities.json`, `${url}/epss/epss_scores-current.csv.gz`,
// and the CSAF directory `${url}/csaf/` with changes.csv, index.txt, <year>/<file>.json and
// <file>.json.sha512 (three ICSMA advisories by default, timestamps 2025-01-01T07:00Z, -02, -03…,
// plus one non-medical ICSA entry that a client must not fetch). Every 200 carries an ETag and Last-Modified; If-None-Match with the
// current ETag answers 304.
//
// Modes per feed (default "ok"):
//   kev:  ok | hang | oversize | malformed   (malformed: truncated JSON)
//   epss: ok | hang | oversize | truncated-gzip
//   csaf: ok | hang | oversize | malformed | bad-checksum   (the newest advisory file misbehaves;
//         malformed: cut short, with a matching .sha512; bad-checksum: its .sha512 holds another
//         file's digest)
// hang: headers and a few bytes, then nothing until the client gives up. oversize: an endless
// body without Content-Length (stops at 100 MB or when the client disconnects).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http, { type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";

export type FeedFixtureMode = "ok" | "hang" | "oversize" | "malformed" | "truncated-gzip" | "bad-checksum";
export type FeedFixtureOptions = {
  kev?: FeedFixtureMode;
  epss?: FeedFixtureMode;
  csaf?: FeedFixtureMode;
  /** How many KEV entries the catalog lists (default 25): a different number is a new catalog. */
  kevCves?: number;
  /** How many ICSMA advisories changes.csv lists (default 3, at most 6); each next one is newer. */
  csafAdvisories?: number;
};
export type FixtureRequest = { method: string; path: string; headers: IncomingHttpHeaders; status: number };
export type FeedFixtureServer = {
  url: string;
  urls: { kev: string; epss: string; csaf: string };
  /** FEEDS_KEV_URL, FEEDS_EPSS_URL, FEEDS_CSAF_URL pointing here. */
  env: Record<"FEEDS_KEV_URL" | "FEEDS_EPSS_URL" | "FEEDS_CSAF_URL", string>;
  requests: FixtureRequest[];
  set(options: FeedFixtureOptions): void;
  close(): Promise<void>;
};

const REFERENCE = path.join(process.cwd(), "lib", "reference");
const KEV = JSON.parse(readFileSync(path.join(REFERENCE, "kev", "known_exploited_vulnerabilities.json"), "utf8")) as { vulnerabilities: unknown[] } & Record<string, unknown>;
// The newest six of the bundled advisories, oldest first; the i-th always has the same timestamp,
// so listing one more adds a newer change, as a provider publishing a new advisory does.
const ADVISORIES = readdirSync(path.join(REFERENCE, "csaf")).filter((f) => f.endsWith(".json")).sort().slice(-6);
const LAST_MODIFIED = "Mon, 25 Aug 2025 12:00:00 GMT";

const sha = (alg: string, bytes: Uint8Array) => createHash(alg).update(bytes).digest("hex");

function kevBytes(cves: number): Buffer {
  const vulnerabilities = KEV.vulnerabilities.slice(0, cves);
  return Buffer.from(JSON.stringify({ ...KEV, count: vulnerabilities.length, vulnerabilities }, null, 2));
}

function epssBytes(): Buffer {
  const cves = (KEV.vulnerabilities as { cveID: string }[]).slice(0, 40).map((v) => v.cveID);
  const rows = cves.map((cve, i) => `${cve},${(0.9 - i * 0.02).toFixed(5)},${(0.99 - i * 0.01).toFixed(5)}`);
  return gzipSync(`#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\n${rows.join("\n")}\n`);
}

type Advisory = { path: string; timestamp: string; bytes: Buffer };
function advisories(n: number): Advisory[] {
  return ADVISORIES.slice(0, Math.min(n, ADVISORIES.length)).map((file, i) => ({
    path: `20${file.slice(6, 8)}/${file}`,
    timestamp: new Date(Date.UTC(2025, 0, 1 + i, 7)).toISOString(),
    bytes: readFileSync(path.join(REFERENCE, "csaf", file)),
  }));
}

async function endless(res: ServerResponse, limit = 100 * 2 ** 20) {
  res.writeHead(200, { "content-type": "application/octet-stream" });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let closed = false;
  res.on("close", () => (closed = true));
  for (let sent = 0; sent < limit && !closed; sent += chunk.length) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  if (!closed) res.end();
}

export async function startFeedFixtureServer(initial: FeedFixtureOptions = {}): Promise<FeedFixtureServer> {
  const options: Required<FeedFixtureOptions> = { kev: "ok", epss: "ok", csaf: "ok", kevCves: 25, csafAdvisories: 3, ...initial };
  const requests: FixtureRequest[] = [];

  function serve(req: http.IncomingMessage, res: ServerResponse, body: Uint8Array, type: string) {
    const etag = `"${sha("sha256", body).slice(0, 20)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag, "last-modified": LAST_MODIFIED }).end();
      return 304;
    }
    res.writeHead(200, { "content-type": type, "content-length": body.byteLength, etag, "last-modified": LAST_MODIFIED }).end(body);
    return 200;
  }

  function misbehave(res: ServerResponse, mode: FeedFixtureMode): number | null {
    if (mode === "hang") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      return 200;
    }
    if (mode === "oversize") {
      void endless(res);
      return 200;
    }
    return null;
  }

  function route(req: http.IncomingMessage, res: ServerResponse): number {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = decodeURIComponent(url.pathname);
    if (p === "/kev/known_exploited_vulnerabilities.json") {
      const body = kevBytes(options.kevCves);
      return misbehave(res, options.kev) ?? serve(req, res, options.kev === "malformed" ? body.subarray(0, body.length / 2) : body, "application/json");
    }
    if (p === "/epss/epss_scores-current.csv.gz") {
      const body = epssBytes();
      return misbehave(res, options.epss) ?? serve(req, res, options.epss === "truncated-gzip" ? body.subarray(0, Math.floor(body.length / 2)) : body, "application/gzip");
    }
    const list = advisories(options.csafAdvisories);
    const medical = list.map((a) => `"${a.path}","${a.timestamp}"`);
    if (p === "/csaf/changes.csv") {
      // Newest first, as the standard orders it; one non-medical entry that must not be fetched.
      const lines = [`"2025/icsa-25-001-01.json","${new Date(Date.UTC(2025, 0, 1, 9)).toISOString()}"`, ...medical].reverse();
      return serve(req, res, Buffer.from(`${lines.join("\n")}\n`), "text/csv");
    }
    if (p === "/csaf/index.txt") return serve(req, res, Buffer.from(`${list.map((a) => a.path).join("\n")}\n2025/icsa-25-001-01.json\n`), "text/plain");
    const newest = list[list.length - 1];
    for (const a of list) {
      const isNewest = a === newest;
      if (p === `/csaf/${a.path}`) {
        if (isNewest) {
          const odd = misbehave(res, options.csaf);
          if (odd) return odd;
        }
        return serve(req, res, isNewest && options.csaf === "malformed" ? malformed(a.bytes) : a.bytes, "application/json");
      }
      if (p === `/csaf/${a.path}.sha512`) {
        const served = isNewest && options.csaf === "malformed" ? malformed(a.bytes) : a.bytes;
        const digest = isNewest && options.csaf === "bad-checksum" ? sha("sha512", Buffer.from("another file")) : sha("sha512", served);
        return serve(req, res, Buffer.from(`${digest}  ${a.path.split("/").pop()}\n`), "text/plain");
      }
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return 404;
  }

  const server = http.createServer((req, res) => {
    const status = route(req, res);
    requests.push({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, status });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urls = { kev: `${url}/kev/known_exploited_vulnerabilities.json`, epss: `${url}/epss/epss_scores-current.csv.gz`, csaf: `${url}/csaf/` };
  return {
    url,
    urls,
    env: { FEEDS_KEV_URL: urls.kev, FEEDS_EPSS_URL: urls.epss, FEEDS_CSAF_URL: urls.csaf },
    requests,
    set: (changes) => Object.assign(options, changes),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The same advisory cut short: the checksum matches, the JSON does not parse. */
function malformed(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}
