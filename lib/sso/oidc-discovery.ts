// Checks an OIDC discovery document before a provider is saved, so a typo fails in the form and
// not at someone's first sign-in.
import type { DestinationPolicy } from "../net/guarded-agent";
import { fetchText, FetchProblem } from "./fetch-text";

export interface OidcDiscovery {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
}

export class DiscoveryProblem extends Error {}

export async function fetchOidcDiscovery(discoveryUrl: string, policy: DestinationPolicy): Promise<OidcDiscovery> {
  let text: string;
  try {
    text = await fetchText(discoveryUrl, "application/json", policy);
  } catch (error) {
    if (error instanceof FetchProblem) throw new DiscoveryProblem(error.message);
    throw error;
  }
  return parseOidcDiscovery(text);
}

export function parseOidcDiscovery(text: string): OidcDiscovery {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text);
  } catch {
    throw new DiscoveryProblem("is not a discovery document: the answer is not JSON");
  }
  if (!document || typeof document !== "object") throw new DiscoveryProblem("is not a discovery document");
  const url = (key: string) => {
    const value = document[key];
    if (typeof value !== "string" || !URL.canParse(value)) throw new DiscoveryProblem(`is not a usable discovery document: "${key}" is missing or not a URL`);
    return value;
  };
  const discovery = {
    issuer: url("issuer"),
    authorizationEndpoint: url("authorization_endpoint"),
    tokenEndpoint: url("token_endpoint"),
    jwksUri: url("jwks_uri"),
  };
  const responseTypes = document.response_types_supported;
  if (Array.isArray(responseTypes) && !responseTypes.includes("code")) {
    throw new DiscoveryProblem('is not usable: the provider does not offer the authorization code flow (response type "code")');
  }
  return discovery;
}
