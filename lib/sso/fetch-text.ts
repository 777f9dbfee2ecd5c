// Fetches of admin-given URLs (OIDC discovery, SAML metadata): through the network guard
// (lib/net/fetch-capped.ts), with errors worded for the form field that holds the URL. Network
// details (refused, timed out, reset) are logged, not shown: they would let the form scan ports.
import { errorMessage } from "../log";
import { fetchCapped, FetchFailure } from "../net/fetch-capped";
import type { DestinationPolicy } from "../net/guarded-agent";

export const FETCH_LIMITS = { timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 3 } as const;

export class FetchProblem extends Error {}

export const PRIVATE_NETWORK_SETTING = "Allow identity providers on private networks";

function problemOf(failure: FetchFailure): FetchProblem {
  switch (failure.kind) {
    case "blocked": {
      const blocked = failure.extra.blocked;
      const where = blocked ? `${blocked.address}, ${blocked.range}` : "a non-public address";
      return new FetchProblem(`leads to ${where}, which is refused unless "${PRIVATE_NETWORK_SETTING}" is on (Settings → Authentication)`);
    }
    case "status":
      return new FetchProblem(`answered HTTP ${failure.extra.status}, expected 200`);
    case "too-large":
      return new FetchProblem("answered with more than 1 MiB");
    case "redirects":
      return new FetchProblem(`could not be fetched: more than ${FETCH_LIMITS.maxRedirects} redirects`);
    default:
      return new FetchProblem("could not be fetched: check the address and that the server can reach it (the server log has the details)");
  }
}

export async function fetchText(url: string, accept: string, policy: DestinationPolicy): Promise<string> {
  try {
    return await fetchCapped(url, { accept, ...FETCH_LIMITS, allowPrivate: policy.allowPrivate });
  } catch (error) {
    const failure = error instanceof FetchFailure ? error : new FetchFailure("unreachable", errorMessage(error));
    console.warn(`[sso] fetching ${safeForLog(url)} failed: ${failure.detail}`);
    throw problemOf(failure);
  }
}

/** The URL without credentials or query (which may carry secrets). */
function safeForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(not a URL)";
  }
}
