// Admin input for SSO providers. The network checks (discovery, metadata) run after these pass.
import { z } from "zod";

const label = z.string().trim().min(1, "is required").max(60, "must be at most 60 characters");
const httpUrl = z
  .string()
  .trim()
  .max(2000, "is too long")
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "must be an http(s) URL");

/** Values typed one per line (or separated by spaces or commas), stored as a list without repeats. */
const valueList = z
  .string()
  .max(4000, "is too long")
  .transform((value) => [...new Set(value.split(/[\s,]+/).filter(Boolean))])
  .refine((values) => values.length <= 20, "may list at most 20 values")
  .refine((values) => values.every((item) => item.length <= 500 && /^[\x21-\x7e]+$/.test(item)), "may contain only printable characters, at most 500 per value");

/** The switches every provider has: linking by email and required multi-factor authentication. */
const policyFields = {
  /** Off by default: an IdP account with someone's email must not become their WireGUI account. */
  linkByEmail: z.boolean().default(false),
  requireMfa: z.boolean().default(false),
};

export const oidcProviderSchema = z.object({
  label,
  clientId: z.string().trim().min(1, "is required").max(500, "is too long"),
  /** Empty on edit keeps the stored secret. */
  clientSecret: z.string().max(2000, "is too long"),
  discoveryUrl: httpUrl,
  scopes: z
    .string()
    .trim()
    .max(500, "is too long")
    .refine((value) => value.split(/\s+/).includes("openid"), "must include openid")
    .refine((value) => /^[\x21\x23-\x5b\x5d-\x7e ]+$/.test(value), "may contain only printable characters"),
  autoCreateUsers: z.boolean(),
  isEnabled: z.boolean(),
  ...policyFields,
  mfaAmrValues: valueList.default([]),
  mfaAcrValues: valueList.default([]),
}).superRefine((value, context) => {
  if (value.requireMfa && !value.mfaAmrValues.length && !value.mfaAcrValues.length) {
    context.addIssue({ code: "custom", path: ["mfaAmrValues"], message: "list at least one amr or acr value that means multi-factor" });
  }
});
export type OidcProviderInput = z.output<typeof oidcProviderSchema>;

export const samlProviderSchema = z
  .object({
    label,
    metadataSource: z.enum(["xml", "url"]),
    idpMetadataXml: z.string().max(200_000, "is too long (200 kB at most)"),
    idpMetadataUrl: z.string().trim().max(2000, "is too long"),
    /** Empty means the SP metadata URL, the usual choice. */
    spEntityId: z.string().trim().max(500, "is too long"),
    signRequests: z.boolean(),
    requireSignedAssertions: z.boolean(),
    requireSignedResponses: z.boolean(),
    autoCreateUsers: z.boolean(),
    isEnabled: z.boolean(),
    emailAttribute: z.string().trim().min(1, "is required").max(200, "is too long"),
    nameAttribute: z.string().trim().max(200, "is too long"),
    ...policyFields,
    mfaAuthnContexts: valueList.default([]),
  })
  .superRefine((value, context) => {
    if (value.metadataSource === "xml" && !value.idpMetadataXml.trim()) {
      context.addIssue({ code: "custom", path: ["idpMetadataXml"], message: "is required: paste the IdP's metadata XML" });
    }
    if (value.metadataSource === "url" && !httpUrl.safeParse(value.idpMetadataUrl).success) {
      context.addIssue({ code: "custom", path: ["idpMetadataUrl"], message: "must be an http(s) URL" });
    }
    if (value.requireMfa && !value.mfaAuthnContexts.length) {
      context.addIssue({ code: "custom", path: ["mfaAuthnContexts"], message: "list at least one AuthnContextClassRef that means multi-factor" });
    }
    // Something must be signed: an unsigned response would let anyone post an identity.
    if (!value.requireSignedAssertions && !value.requireSignedResponses) {
      context.addIssue({ code: "custom", path: ["requireSignedAssertions"], message: "require signed assertions, signed responses or both" });
    }
  });
export type SamlProviderInput = z.output<typeof samlProviderSchema>;

export const providerRefSchema = z.object({ kind: z.enum(["oidc", "saml"]), id: z.uuid() });
export type ProviderRef = z.output<typeof providerRefSchema>;

export const updateOidcProviderSchema = z.object({ id: z.uuid(), provider: oidcProviderSchema });
export const updateSamlProviderSchema = z.object({ id: z.uuid(), provider: samlProviderSchema });
export const localAuthSchema = z.object({ isLocalAuthEnabled: z.boolean() });
