/** @type {import('next').NextConfig} */

const dev = process.env.NODE_ENV !== "production";

// Scripts: Next's own inline bootstrap needs 'unsafe-inline' until nonces are wired in; dev mode
// also needs eval for fast refresh. Everything else is same-origin only, and no one may frame us.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), usb=()" },
];

const nextConfig = {
  poweredByHeader: false,
  // Type-checking is its own step of `npm test` (npm run typecheck), over tests and scripts too.
  typescript: { ignoreBuildErrors: true },
  // forbidden() answers 403 from pages whose role check fails.
  experimental: { authInterrupts: true },
  // Native and driver modules stay plain Node requires rather than being bundled.
  serverExternalPackages: ["oui-data", "prom-client", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
