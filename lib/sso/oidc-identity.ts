// The identity an OIDC provider vouched for, read from its verified ID token claims.
import { oidcAuthnEvidence } from "./mfa-policy";
import type { SsoIdentity } from "./sign-in";

export function oidcIdentity(subject: string, claims: Record<string, unknown>, accepted: { mfaAmrValues: readonly string[]; mfaAcrValues: readonly string[] }): SsoIdentity {
  // An address the provider does not say it verified could be anyone's (some IdPs let users set
  // it): it must not match or create an account. A missing claim counts as unverified.
  const isVerified = claims.email_verified === true || claims.email_verified === "true";
  return {
    subject,
    email: typeof claims.email === "string" && isVerified ? claims.email : null,
    name: typeof claims.name === "string" ? claims.name : null,
    authn: oidcAuthnEvidence(claims, { amrValues: accepted.mfaAmrValues, acrValues: accepted.mfaAcrValues }),
  };
}

/** Extra authorization parameters: ask for the accepted acr values when MFA is required (voluntary for the IdP). */
export function oidcAuthorizationParams(provider: { scopes: string; requireMfa: boolean; mfaAcrValues: readonly string[] }): Record<string, string> {
  return { scope: provider.scopes, ...(provider.requireMfa && provider.mfaAcrValues.length && { acr_values: provider.mfaAcrValues.join(" ") }) };
}
