// What counts as "the identity provider did multi-factor authentication", per protocol. The values
// are the provider's own settings; these defaults fill the form when it has none.

/** RFC 8176 amr values that mean a second factor (or several) was used. */
export const DEFAULT_OIDC_MFA_AMR = ["mfa", "mca", "otp", "hwk", "swk", "sc"] as const;
/** OpenID PAPE multi-factor and the phishing-resistant values of the OpenID EAP ACR profile. */
export const DEFAULT_OIDC_MFA_ACR = ["http://schemas.openid.net/pape/policies/2007/06/multi-factor", "phr", "phrh"] as const;
/** REFEDS MFA, Microsoft's multiple authentication, and the SAML 2.0 classes that are two-factor. */
export const DEFAULT_SAML_MFA_CONTEXTS = [
  "https://refeds.org/profile/mfa",
  "http://schemas.microsoft.com/claims/multipleauthn",
  "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
  "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered",
  "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken",
  "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
] as const;

/** How the person authenticated at the IdP, as the signed token or assertion reports it. */
export interface AuthnEvidence {
  isMultiFactor: boolean;
  /** What the IdP reported, for the audit log (e.g. `amr=pwd acr=0`). */
  reported: string;
}

/** From an ID token's `amr` (any listed value) or `acr` (one of the listed values). */
export function oidcAuthnEvidence(claims: { amr?: unknown; acr?: unknown }, accepted: { amrValues: readonly string[]; acrValues: readonly string[] }): AuthnEvidence {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === "string") : [];
  const acr = typeof claims.acr === "string" ? claims.acr : null;
  return {
    isMultiFactor: amr.some((value) => accepted.amrValues.includes(value)) || (acr !== null && accepted.acrValues.includes(acr)),
    reported: `amr=${amr.join(",") || "(none)"} acr=${acr ?? "(none)"}`,
  };
}

/** From the signed assertion's AuthnContextClassRef values: every one must be accepted. */
export function samlAuthnEvidence(classRefs: readonly string[], accepted: readonly string[]): AuthnEvidence {
  return {
    isMultiFactor: classRefs.length > 0 && classRefs.every((value) => accepted.includes(value)),
    reported: `AuthnContextClassRef=${classRefs.join(",") || "(none)"}`,
  };
}
