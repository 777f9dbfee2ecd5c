// Runs before every page request (Next.js 16's proxy, formerly middleware): a fresh CSP nonce for
// each page, HSTS behind HTTPS. Pages get the policy on the response and on the request, where
// Next.js reads the nonce for its own scripts. Route handlers (/api) never come here (see the
// matcher): they answer JSON or redirects, and one that renders HTML sets its own policy; browsers
// learn HSTS from the pages. The rest of the headers are static (next.config.mjs).
import { NextResponse, type NextRequest } from "next/server";
import { listEnabledSamlSsoUrls } from "./lib/db/sso-form-targets";
import { getEnv } from "./lib/env";
import { errorMessage } from "./lib/log";
import { getDb } from "./lib/server/db";
import { contentSecurityPolicy, formTargetOrigins, newNonce, strictTransportSecurity } from "./lib/server/security-headers";

// The pages with forms that start a SAML login (sign-in buttons; "Connect" on the account page).
const SAML_FORM_PAGES = ["/login", "/account"];

export async function proxy(request: NextRequest) {
  const { EXTERNAL_URL } = getEnv();
  const hsts = strictTransportSecurity(EXTERNAL_URL);
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/_next/")) return withHsts(NextResponse.next(), hsts);

  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    isHttps: EXTERNAL_URL.startsWith("https://"),
    isDevelopment: process.env.NODE_ENV === "development",
    formTargets: SAML_FORM_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`)) ? await samlFormTargets() : [],
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return withHsts(response, hsts);
}

function withHsts(response: NextResponse, hsts: string | null): NextResponse {
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/** A database outage must not take the sign-in page down: SAML buttons then fail, password sign-in works. */
async function samlFormTargets(): Promise<string[]> {
  try {
    return formTargetOrigins(await listEnabledSamlSsoUrls(getDb()));
  } catch (error) {
    console.error(`[csp] SAML sign-on URLs left out of form-action: ${errorMessage(error)}`);
    return [];
  }
}

export const config = {
  // Pages only, and not server action calls (their answer is an RSC payload, not a page). Whatever
  // passes through here Next.js first buffers a copy of (up to experimental.proxyClientMaxBodySize),
  // before the route handler (which caps and reads its own body after authenticating,
  // lib/server/request-body.ts) or the server action's 512 KiB limit could refuse it. Static files
  // and images are served as they are; favicon too.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)", missing: [{ type: "header", key: "next-action" }] }],
};
