// The headers proxy.ts sets: a Content Security Policy with a fresh nonce per request and HSTS
// behind HTTPS (the static ones are in next.config.mjs). Free of Next.js so it is unit-tested.
//
// Scripts: only those carrying the nonce run ('strict-dynamic' lets them load Next's chunks); Next
// puts the nonce on its own scripts when it finds it in the request's CSP header, which works
// because every page is rendered per request (the root layout is force-dynamic).
// Styles: 'unsafe-inline', because React's style attributes (Recharts, Radix popover positions)
// cannot carry a nonce; styles cannot run code, so scripts stay strict.
// Forms: our own origin, plus the SAML identity providers' sign-on URLs on the pages whose forms
// start a SAML login (the form posts here, and the 303 to the IdP is checked against form-action).

/**
 * Two years, this host and its subdomains (ASVS 14.4.5), only for an https EXTERNAL_URL: over http
 * it would be ignored, and it must never pin a host that has no HTTPS.
 */
export function strictTransportSecurity(externalUrl: string): string | null {
  return externalUrl.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null;
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

export interface PolicyOptions {
  nonce: string;
  isHttps: boolean;
  /** React's development build evaluates code (`eval`) for its stack traces. */
  isDevelopment?: boolean;
  /** Origins forms may be submitted (or redirected) to, besides our own. */
  formTargets?: readonly string[];
}

export function contentSecurityPolicy({ nonce, isHttps, isDevelopment = false, formTargets = [] }: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDevelopment ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...formTargets],
    ["frame-ancestors", "'none'"],
    ["frame-src", "'none'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
  ];
  if (isHttps) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/**
 * The origins of the given sign-on URLs, fit for a CSP source list: http(s) only, no path (so a
 * URL cannot smuggle a `;` or a keyword into the policy), each once.
 */
export function formTargetOrigins(urls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "https:" || parsed.protocol === "http:") origins.add(parsed.origin);
    } catch {
      // An unparsable URL cannot be a login target either.
    }
  }
  return [...origins].sort();
}
