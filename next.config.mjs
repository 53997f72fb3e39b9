/** @type {import('next').NextConfig} */


// Pages get a strict Content-Security-Policy with a per-request nonce from proxy.ts. Everything
// else (the JSON APIs, static files) may load nothing and be framed by no one. HSTS is honoured
// by browsers over HTTPS only, so it is safe to send always; behind a TLS-terminating load
// balancer it pins the dashboard to HTTPS for two years.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), usb=()" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const nextConfig = {
  poweredByHeader: false,
  // NEXT_DIST_DIR lets two builds of one checkout (e.g. a benchmark beside an e2e run) not share output.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Type-checking is its own step of `npm test` (npm run typecheck), over tests and scripts too.
  typescript: { ignoreBuildErrors: true },
  // forbidden() answers 403 from pages whose role check fails.
  experimental: { authInterrupts: true },
  // Native and driver modules stay plain Node requires rather than being bundled.
  serverExternalPackages: ["oui-data", "prom-client", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
