import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "selfsigned";
import { MetadataProblem, parseIdpMetadata } from "./saml-metadata";

const YEAR_MS = 365 * 24 * 3600 * 1000;
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

async function certificateBody(notBeforeDate: Date, notAfterDate: Date): Promise<string> {
  const pems = await generate([{ name: "commonName", value: "idp.test" }], { keySize: 2048, algorithm: "sha256", notBeforeDate, notAfterDate });
  return pems.cert.replace(/-----[A-Z ]+-----|\s/g, "");
}

function metadata({ certificates, bindings = [REDIRECT], use = "signing" }: { certificates: string[]; bindings?: string[]; use?: string | null }) {
  const keys = certificates
    .map((cert) => `<md:KeyDescriptor${use ? ` use="${use}"` : ""}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\n  ${cert}\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join("");
  const services = bindings.map((binding) => `<md:SingleSignOnService Binding="${binding}" Location="https://idp.test/sso/${binding.endsWith("Redirect") ? "redirect" : "post"}"/>`).join("");
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.test/metadata">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}${services}</md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

let valid: string;
let expired: string;
let notYetValid: string;

beforeAll(async () => {
  const now = Date.now();
  [valid, expired, notYetValid] = await Promise.all([
    certificateBody(new Date(now - YEAR_MS), new Date(now + YEAR_MS)),
    certificateBody(new Date(now - 2 * YEAR_MS), new Date(now - YEAR_MS)),
    certificateBody(new Date(now + YEAR_MS), new Date(now + 2 * YEAR_MS)),
  ]);
});

describe("parseIdpMetadata", () => {
  it("reads the entity id, the HTTP-Redirect SSO URL and the signing certificate as PEM", () => {
    const parsed = parseIdpMetadata(metadata({ certificates: [valid], bindings: [POST, REDIRECT] }));
    expect(parsed.entityId).toBe("https://idp.test/metadata");
    expect(parsed.ssoUrl).toBe("https://idp.test/sso/redirect");
    expect(parsed.certificates).toHaveLength(1);
    expect(parsed.certificates[0]).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  });

  it("takes certificates without a `use` and leaves out expired ones next to a valid one", () => {
    expect(parseIdpMetadata(metadata({ certificates: [valid], use: null })).certificates).toHaveLength(1);
    expect(parseIdpMetadata(metadata({ certificates: [expired, valid] })).certificates).toHaveLength(1);
    expect(() => parseIdpMetadata(metadata({ certificates: [valid], use: "encryption" }))).toThrow(/no signing certificate/);
  });

  it.each([
    ["garbage", () => "this is not <xml", /is not valid XML/],
    ["a DOCTYPE (entity tricks)", () => `<!DOCTYPE x [<!ENTITY a "b">]>${metadata({ certificates: [valid] }).replace(/^<\?xml[^>]*>/, "")}`, /must not contain a DOCTYPE/],
    ["SP metadata", () => `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="sp"><md:SPSSODescriptor/></md:EntityDescriptor>`, /no IDPSSODescriptor/],
    ["only the POST binding", () => metadata({ certificates: [valid], bindings: [POST] }), /HTTP-Redirect binding/],
    ["no certificate", () => metadata({ certificates: [] }), /no signing certificate/],
    ["an unreadable certificate", () => metadata({ certificates: ["bm90IGEgY2VydA=="] }), /cannot be read/],
    ["only an expired certificate", () => metadata({ certificates: [expired] }), /only expired signing certificates \(the newest expired \d{4}-\d\d-\d\d\)/],
    ["a certificate not valid yet", () => metadata({ certificates: [notYetValid] }), /no signing certificate valid yet/],
    ["no entityID (the Issuer check would be skipped)", () => metadata({ certificates: [valid] }).replace(' entityID="https://idp.test/metadata"', ""), /has no entityID/],
    ["an empty entityID", () => metadata({ certificates: [valid] }).replace('entityID="https://idp.test/metadata"', 'entityID="  "'), /has no entityID/],
  ])("refuses %s with a message for the field", (_name, xml, message) => {
    expect(() => parseIdpMetadata(xml())).toThrow(MetadataProblem);
    expect(() => parseIdpMetadata(xml())).toThrow(message);
  });
});
