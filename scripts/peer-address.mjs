// Preloaded into the Next.js server by scripts/start.ts (node --import). Next.js fills in
// X-Forwarded-For with the connection's peer address only when the client sent none
// (next/dist/server/base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`),
// so a client could name any address it liked. Here every request gets its peer appended, as a
// proxy does: the right-most entry is always the real peer, and lib/auth/client-address.ts
// believes entries further left only through proxies named in TRUSTED_PROXIES.
import http from "node:http";

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithPeer(event, request, ...rest) {
  if (event === "request" && request && request.socket && request.headers) {
    // No address (a socket already closed): "unknown", which the sign-in limits count as one address.
    const peer = request.socket.remoteAddress || "unknown";
    const prior = request.headers["x-forwarded-for"];
    request.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
  }
  return emit.call(this, event, request, ...rest);
};
