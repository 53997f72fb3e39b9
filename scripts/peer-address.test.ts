// The hook npm start preloads into the Next.js server: the peer is always the right-most
// X-Forwarded-For entry, so a client cannot choose the address its sign-ins are counted against.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { clientAddressOf, trustedProxies } from "../lib/auth/client-address";

// @ts-expect-error -- a plain JavaScript preload, loaded for its effect on node:http only
await import("./peer-address.mjs");

it("appends the connection's peer to X-Forwarded-For, so a forged header names no address", async () => {
  const seen: (string | undefined)[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    seen.push(request.headers["x-forwarded-for"] as string | undefined);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    await fetch(url, { headers: { "x-forwarded-for": "203.0.113.66" } });
    await fetch(url);
  } finally {
    server.close();
  }
  const none = trustedProxies(undefined);
  expect(seen.map((h) => clientAddressOf(h, none))).toEqual(["127.0.0.1", "127.0.0.1"]);
  // Were 127.0.0.1 a trusted proxy, the address it forwarded would count.
  expect(clientAddressOf(seen[0], trustedProxies("127.0.0.1"))).toBe("203.0.113.66");
});
