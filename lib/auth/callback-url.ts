// Where to go after signing in: only somewhere on this dashboard. Parsed as a browser would, not
// prefix-checked: "/\evil.example" starts with "/" yet a URL parser reads it as //evil.example.

const PLACEHOLDER_ORIGIN = "http://dashboard.invalid";

/**
 * The path, query and fragment of `target` when it resolves to `origin` (default: any path on
 * this site), else null. A path that would itself read as another host ("//…") is refused too.
 */
export function sameOriginPath(target: string | null | undefined, origin = PLACEHOLDER_ORIGIN): string | null {
  if (!target || target.length > 2048) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** next-auth's redirect callback: an absolute URL on baseUrl's origin, else baseUrl itself. */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const path = sameOriginPath(url, baseUrl);
  return path === null ? baseUrl : `${new URL(baseUrl).origin}${path}`;
}
