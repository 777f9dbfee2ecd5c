import { describe, expect, it } from "vitest";
import { oidcProviderSchema, samlProviderSchema } from "./schemas";

const oidc = { label: "Corp", clientId: "id", clientSecret: "s", discoveryUrl: "https://idp.test/.well-known/openid-configuration", scopes: "openid email", autoCreateUsers: false, isEnabled: true };
const saml = {
  label: "Corp",
  metadataSource: "url" as const,
  idpMetadataXml: "",
  idpMetadataUrl: "https://idp.test/metadata",
  spEntityId: "",
  signRequests: true,
  requireSignedAssertions: true,
  requireSignedResponses: true,
  autoCreateUsers: false,
  isEnabled: true,
  emailAttribute: "email",
  nameAttribute: "",
};

const fieldErrors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("provider schemas", () => {
  it("accept a complete provider", () => {
    expect(oidcProviderSchema.safeParse(oidc).success).toBe(true);
    expect(samlProviderSchema.safeParse(saml).success).toBe(true);
  });

  it("name the field of a bad OIDC value", () => {
    expect(fieldErrors(oidcProviderSchema.safeParse({ ...oidc, discoveryUrl: "ftp://idp.test" }))).toEqual({ discoveryUrl: "must be an http(s) URL" });
    expect(fieldErrors(oidcProviderSchema.safeParse({ ...oidc, scopes: "email profile" }))).toEqual({ scopes: "must include openid" });
    expect(fieldErrors(oidcProviderSchema.safeParse({ ...oidc, label: " " }))).toEqual({ label: "is required" });
  });

  it("require the metadata of the chosen source, and at least one signature", () => {
    expect(fieldErrors(samlProviderSchema.safeParse({ ...saml, metadataSource: "xml" }))).toEqual({ idpMetadataXml: "is required: paste the IdP's metadata XML" });
    expect(fieldErrors(samlProviderSchema.safeParse({ ...saml, idpMetadataUrl: "not a url" }))).toEqual({ idpMetadataUrl: "must be an http(s) URL" });
    expect(fieldErrors(samlProviderSchema.safeParse({ ...saml, requireSignedAssertions: false, requireSignedResponses: false }))).toEqual({
      requireSignedAssertions: "require signed assertions, signed responses or both",
    });
  });

  it("default linking by email and MFA to off, and read MFA values one per line, by spaces or commas, without repeats", () => {
    expect(oidcProviderSchema.parse(oidc)).toMatchObject({ linkByEmail: false, requireMfa: false, mfaAmrValues: [], mfaAcrValues: [] });
    expect(samlProviderSchema.parse(saml)).toMatchObject({ linkByEmail: false, requireMfa: false, mfaAuthnContexts: [] });
    expect(oidcProviderSchema.parse({ ...oidc, requireMfa: true, mfaAmrValues: " mfa\notp,otp  hwk " }).mfaAmrValues).toEqual(["mfa", "otp", "hwk"]);
  });

  it("refuse required MFA without a value that counts, on the values field", () => {
    expect(fieldErrors(oidcProviderSchema.safeParse({ ...oidc, requireMfa: true, mfaAmrValues: " ", mfaAcrValues: "" }))).toEqual({ mfaAmrValues: "list at least one amr or acr value that means multi-factor" });
    expect(oidcProviderSchema.safeParse({ ...oidc, requireMfa: true, mfaAcrValues: "phr" }).success).toBe(true);
    expect(fieldErrors(samlProviderSchema.safeParse({ ...saml, requireMfa: true, mfaAuthnContexts: "" }))).toEqual({ mfaAuthnContexts: "list at least one AuthnContextClassRef that means multi-factor" });
    expect(fieldErrors(samlProviderSchema.safeParse({ ...saml, mfaAuthnContexts: "ok \u0007bell" }))).toEqual({ mfaAuthnContexts: "may contain only printable characters, at most 500 per value" });
  });
});
