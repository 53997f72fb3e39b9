// Where the sign-in page sends a person afterwards: only a path on this dashboard, parsed as a
// browser parses it ("/\evil.example" passed the old "starts with /" check and is another host).
import type { ReactElement, ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";

vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => null }));

const { default: LoginPage } = await import("@/app/(auth)/login/page");
const { LoginForm } = await import("@/components/auth/login-form");

/** The `next` the page hands its sign-in form. */
async function nextFor(callbackUrl: string | undefined): Promise<string> {
  const page = (await LoginPage({ searchParams: Promise.resolve({ callbackUrl }) })) as ReactElement;
  const find = (node: ReactNode): string | undefined => {
    if (!node || typeof node !== "object") return undefined;
    if (Array.isArray(node)) return node.map(find).find((v) => v !== undefined);
    const element = node as ReactElement<{ children?: ReactNode; next?: string }>;
    if (element.type === LoginForm) return element.props.next;
    return find(element.props?.children);
  };
  const next = find(page);
  if (next === undefined) throw new Error("no sign-in form on the page");
  return next;
}

describe("the sign-in page's callbackUrl", () => {
  it("keeps a path on this dashboard", async () => {
    expect(await nextFor("/devices/abc?tab=risk")).toBe("/devices/abc?tab=risk");
    expect(await nextFor(undefined)).toBe("/");
  });

  it.each(["/\\evil.example", "//evil.example", "/\\/evil.example", "https://evil.example/", "/.//evil.example", "javascript:alert(1)"])("refuses %j: home instead", async (target) => {
    const next = await nextFor(target);
    expect(new URL(next, "https://dashboard.example").origin).toBe("https://dashboard.example");
    expect(next.startsWith("//")).toBe(false);
  });

  it("next-auth's redirect callback keeps to this origin too", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    const baseUrl = "http://localhost:3000";
    expect(await redirect({ url: "/inventory", baseUrl })).toBe("http://localhost:3000/inventory");
    expect(await redirect({ url: "/\\evil.example", baseUrl })).toBe(baseUrl);
    expect(await redirect({ url: "https://evil.example/x", baseUrl })).toBe(baseUrl);
  });
});
