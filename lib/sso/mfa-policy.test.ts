import { describe, expect, it } from "vitest";
import { DEFAULT_OIDC_MFA_ACR, DEFAULT_OIDC_MFA_AMR, DEFAULT_SAML_MFA_CONTEXTS, oidcAuthnEvidence, samlAuthnEvidence } from "./mfa-policy";
import { oidcAuthorizationParams } from "./oidc-identity";

const accepted = { amrValues: DEFAULT_OIDC_MFA_AMR, acrValues: DEFAULT_OIDC_MFA_ACR };

describe("oidcAuthnEvidence", () => {
  it.each([
    { claims: { amr: ["pwd", "otp"] }, isMultiFactor: true, reported: "amr=pwd,otp acr=(none)" },
    { claims: { amr: ["hwk"] }, isMultiFactor: true, reported: "amr=hwk acr=(none)" },
    { claims: { acr: "phrh" }, isMultiFactor: true, reported: "amr=(none) acr=phrh" },
    { claims: { amr: ["pwd"], acr: "1" }, isMultiFactor: false, reported: "amr=pwd acr=1" },
    { claims: {}, isMultiFactor: false, reported: "amr=(none) acr=(none)" },
    // A string is not the array RFC 8176 asks for; a substring match must not count.
    { claims: { amr: "mfa" }, isMultiFactor: false, reported: "amr=(none) acr=(none)" },
    { claims: { acr: "not-phr" }, isMultiFactor: false, reported: "amr=(none) acr=not-phr" },
  ])("$reported → $isMultiFactor", ({ claims, isMultiFactor, reported }) => {
    expect(oidcAuthnEvidence(claims, accepted)).toEqual({ isMultiFactor, reported });
  });
});

describe("samlAuthnEvidence", () => {
  it("needs every reported class to be an accepted one, and at least one", () => {
    expect(samlAuthnEvidence(["https://refeds.org/profile/mfa"], DEFAULT_SAML_MFA_CONTEXTS).isMultiFactor).toBe(true);
    expect(samlAuthnEvidence(["https://refeds.org/profile/mfa", "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"], DEFAULT_SAML_MFA_CONTEXTS).isMultiFactor).toBe(false);
    expect(samlAuthnEvidence([], DEFAULT_SAML_MFA_CONTEXTS)).toEqual({ isMultiFactor: false, reported: "AuthnContextClassRef=(none)" });
  });
});

describe("oidcAuthorizationParams", () => {
  it("asks for acr_values only when MFA is required and acr values are listed", () => {
    expect(oidcAuthorizationParams({ scopes: "openid email", requireMfa: false, mfaAcrValues: ["phr"] })).toEqual({ scope: "openid email" });
    expect(oidcAuthorizationParams({ scopes: "openid email", requireMfa: true, mfaAcrValues: [] })).toEqual({ scope: "openid email" });
    expect(oidcAuthorizationParams({ scopes: "openid email", requireMfa: true, mfaAcrValues: ["phrh", "phr"] })).toEqual({ scope: "openid email", acr_values: "phrh phr" });
  });
});
