// Reads what WireGUI needs from an IdP's SAML metadata: its entity id (required), the SSO URL for the
// HTTP-Redirect binding, and the signing certificates (expired ones refused).
import { X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** PEM, newest first. */
  certificates: string[];
}

export class MetadataProblem extends Error {}

export function parseIdpMetadata(xml: string, now = new Date()): IdpMetadata {
  const problems: string[] = [];
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: (message) => problems.push(message), fatalError: (message) => problems.push(message) } }).parseFromString(xml.trim(), "text/xml");
  if (problems.length || !doc?.documentElement) throw new MetadataProblem("is not valid XML");
  // DOCTYPEs serve no purpose in metadata and carry entity-expansion tricks.
  if (doc.doctype) throw new MetadataProblem("must not contain a DOCTYPE");

  const idp = first(doc.getElementsByTagNameNS(MD, "IDPSSODescriptor"));
  if (!idp) throw new MetadataProblem("is not SAML IdP metadata: no IDPSSODescriptor found");
  const entity = idp.parentNode as Element | null;
  // The assertion's Issuer is checked against it: metadata without one would leave that check out.
  const entityId = entity?.localName === "EntityDescriptor" ? entity.getAttribute("entityID")?.trim() : "";
  if (!entityId) throw new MetadataProblem("has no entityID on the EntityDescriptor of its IDPSSODescriptor");

  const ssoUrl = Array.from(idp.getElementsByTagNameNS(MD, "SingleSignOnService"))
    .find((service) => service.getAttribute("Binding") === REDIRECT_BINDING)
    ?.getAttribute("Location");
  if (!ssoUrl || !/^https?:\/\//i.test(ssoUrl) || !URL.canParse(ssoUrl)) {
    throw new MetadataProblem("has no SingleSignOnService with the HTTP-Redirect binding and an http(s) Location");
  }

  const signing = Array.from(idp.getElementsByTagNameNS(MD, "KeyDescriptor")).filter((key) => (key.getAttribute("use") || "signing") === "signing");
  const certificates = signing.flatMap((key) => Array.from(key.getElementsByTagNameNS(DS, "X509Certificate")).map((node) => node.textContent ?? ""));
  if (!certificates.length) throw new MetadataProblem("has no signing certificate (KeyDescriptor with an X509Certificate)");

  const parsed = certificates.map((base64) => toCertificate(base64));
  const valid = parsed.filter((cert) => new Date(cert.validTo) > now && new Date(cert.validFrom) <= now);
  if (!valid.length) {
    const newest = parsed.toSorted((a, b) => Date.parse(b.validTo) - Date.parse(a.validTo))[0]!;
    throw new MetadataProblem(
      new Date(newest.validTo) <= now
        ? `has only expired signing certificates (the newest expired ${new Date(newest.validTo).toISOString().slice(0, 10)})`
        : "has no signing certificate valid yet",
    );
  }
  return { entityId, ssoUrl, certificates: valid.toSorted((a, b) => Date.parse(b.validTo) - Date.parse(a.validTo)).map((cert) => cert.toString()) };
}

function toCertificate(base64: string): X509Certificate {
  const body = base64.replace(/\s+/g, "");
  try {
    return new X509Certificate(`-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----\n`);
  } catch {
    throw new MetadataProblem("has a signing certificate that cannot be read");
  }
}

function first<T>(list: ArrayLike<T>): T | undefined {
  return list.length ? list[0] : undefined;
}
