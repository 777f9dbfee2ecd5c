// SAML 2.0 responses for tests: an IdP (and an attacker) with their own keys, a builder for a
// realistic Response, and xml-crypto signing placed where SAML wants it (right after the Issuer).
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { generate } from "selfsigned";
import { SignedXml } from "xml-crypto";

export const SAML_PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
export const SAML_ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
export const XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
const PERSISTENT_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

export interface SigningKey {
  privateKey: string;
  certificate: string;
}

export interface SamlTestKeys {
  /** The IdP the provider trusts. */
  idp: SigningKey;
  /** Someone with a valid-looking certificate the provider does not trust. */
  attacker: SigningKey;
}

let keys: Promise<SamlTestKeys> | undefined;

/** RSA-2048 key pairs with self-signed certificates, generated once per process. */
export function samlTestKeys(): Promise<SamlTestKeys> {
  keys ??= Promise.all([generateKey("idp.test"), generateKey("attacker.test")]).then(([idp, attacker]) => ({ idp, attacker }));
  return keys;
}

async function generateKey(commonName: string): Promise<SigningKey> {
  const pems = await generate([{ name: "commonName", value: commonName }], { keySize: 2048, algorithm: "sha256" });
  return { privateKey: pems.private, certificate: pems.cert };
}

export interface SamlResponseOptions {
  /** The AuthnRequest answered: Response and SubjectConfirmationData InResponseTo. Null: unsolicited. */
  inResponseTo: string | null;
  /** Defaults to `inResponseTo`; null leaves the attribute out. */
  subjectInResponseTo?: string | null;
  acsUrl?: string;
  /** Response Destination; defaults to the ACS, null leaves it out. */
  destination?: string | null;
  /** SubjectConfirmationData Recipient; defaults to the ACS, null leaves it out. */
  recipient?: string | null;
  issuer?: string;
  audience?: string;
  responseId?: string;
  assertionId?: string;
  nameId?: string;
  nameIdFormat?: string;
  email?: string;
  displayName?: string;
  statusCode?: string;
  /** IssueInstant of the response and the assertion. */
  issuedAt?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  subjectNotOnOrAfter?: Date;
  /** SubjectConfirmation Method; defaults to bearer, null leaves it out. */
  confirmationMethod?: string | null;
  /** The AuthnStatement's class; defaults to PasswordProtectedTransport. */
  authnContextClassRef?: string;
}

export const TEST_IDP = {
  entityId: "https://idp.test/metadata",
  ssoUrl: "https://idp.test/sso",
  spEntityId: "http://wiregui.test/api/auth/saml/idp/metadata",
  acsUrl: "http://wiregui.test/api/auth/saml/idp/acs",
} as const;

const FIVE_MINUTES_MS = 5 * 60 * 1000;
let sequence = 0;

/** A unique XML ID (NCName) for responses and assertions. */
export function samlId(kind: string): string {
  sequence += 1;
  return `_${kind}_${process.pid}_${Date.now().toString(36)}_${sequence}`;
}

/** The XML of a SAML 2.0 Response with one assertion, as an IdP sends it before signing. */
export function samlResponse(options: SamlResponseOptions): string {
  const now = new Date();
  const acsUrl = options.acsUrl ?? TEST_IDP.acsUrl;
  const destination = options.destination === undefined ? acsUrl : options.destination;
  const recipient = options.recipient === undefined ? acsUrl : options.recipient;
  const subjectInResponseTo = options.subjectInResponseTo === undefined ? options.inResponseTo : options.subjectInResponseTo;
  const issuer = escapeXml(options.issuer ?? TEST_IDP.entityId);
  const issuedAt = (options.issuedAt ?? now).toISOString();
  const notBefore = (options.notBefore ?? new Date(now.getTime() - FIVE_MINUTES_MS)).toISOString();
  const notOnOrAfter = (options.notOnOrAfter ?? new Date(now.getTime() + FIVE_MINUTES_MS)).toISOString();
  const subjectNotOnOrAfter = (options.subjectNotOnOrAfter ?? new Date(now.getTime() + FIVE_MINUTES_MS)).toISOString();
  const assertionId = options.assertionId ?? samlId("assertion");
  const attr = (name: string, value: string | null | undefined) => (value == null ? "" : ` ${name}="${escapeXml(value)}"`);
  const attribute = (name: string, value: string) =>
    `<saml2:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
    `<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escapeXml(value)}</saml2:AttributeValue>` +
    `</saml2:Attribute>`;

  return (
    `<saml2p:Response xmlns:saml2p="${SAML_PROTOCOL_NS}" ID="${options.responseId ?? samlId("response")}" Version="2.0" IssueInstant="${issuedAt}"` +
    `${attr("Destination", destination)}${attr("InResponseTo", options.inResponseTo)}>` +
    `<saml2:Issuer xmlns:saml2="${SAML_ASSERTION_NS}">${issuer}</saml2:Issuer>` +
    `<saml2p:Status><saml2p:StatusCode Value="${options.statusCode ?? "urn:oasis:names:tc:SAML:2.0:status:Success"}"/></saml2p:Status>` +
    `<saml2:Assertion xmlns:saml2="${SAML_ASSERTION_NS}" ID="${assertionId}" Version="2.0" IssueInstant="${issuedAt}">` +
    `<saml2:Issuer>${issuer}</saml2:Issuer>` +
    `<saml2:Subject>` +
    `<saml2:NameID Format="${options.nameIdFormat ?? PERSISTENT_FORMAT}">${escapeXml(options.nameId ?? "alice-1234")}</saml2:NameID>` +
    `<saml2:SubjectConfirmation${attr("Method", options.confirmationMethod === undefined ? "urn:oasis:names:tc:SAML:2.0:cm:bearer" : options.confirmationMethod)}>` +
    `<saml2:SubjectConfirmationData${attr("InResponseTo", subjectInResponseTo)} NotOnOrAfter="${subjectNotOnOrAfter}"${attr("Recipient", recipient)}/>` +
    `</saml2:SubjectConfirmation>` +
    `</saml2:Subject>` +
    `<saml2:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml2:AudienceRestriction><saml2:Audience>${escapeXml(options.audience ?? TEST_IDP.spEntityId)}</saml2:Audience></saml2:AudienceRestriction>` +
    `</saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${issuedAt}" SessionIndex="${assertionId}">` +
    `<saml2:AuthnContext><saml2:AuthnContextClassRef>${escapeXml(options.authnContextClassRef ?? "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")}</saml2:AuthnContextClassRef></saml2:AuthnContext>` +
    `</saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>${attribute("email", options.email ?? "alice@example.com")}${attribute("displayName", options.displayName ?? "Alice Example")}</saml2:AttributeStatement>` +
    `</saml2:Assertion>` +
    `</saml2p:Response>`
  );
}

const ASSERTION_XPATH = `//*[local-name(.)='Assertion' and namespace-uri(.)='${SAML_ASSERTION_NS}']`;
const RESPONSE_XPATH = `/*[local-name(.)='Response' and namespace-uri(.)='${SAML_PROTOCOL_NS}']`;
const issuerOf = (xpath: string) => `${xpath}/*[local-name(.)='Issuer' and namespace-uri(.)='${SAML_ASSERTION_NS}']`;

/** Signs the (first) assertion, the signature right after its Issuer. */
export function signAssertion(xml: string, key: SigningKey): string {
  return sign(xml, `(${ASSERTION_XPATH})[1]`, key);
}

/** Signs the whole response, the signature right after its Issuer. */
export function signResponse(xml: string, key: SigningKey): string {
  return sign(xml, RESPONSE_XPATH, key);
}

/** What an IdP sends: the assertion signed, then the response around it. */
export function signedSamlResponse(options: SamlResponseOptions, key: SigningKey, sign: { assertion?: boolean; response?: boolean } = {}): string {
  let xml = samlResponse(options);
  if (sign.assertion ?? true) xml = signAssertion(xml, key);
  if (sign.response ?? true) xml = signResponse(xml, key);
  return xml;
}

function sign(xml: string, xpath: string, key: SigningKey): string {
  const signer = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.certificate,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: ({ prefix } = {}) => {
      const tag = prefix ? `${prefix}:` : "";
      return `<${tag}X509Data><${tag}X509Certificate>${certificateBody(key.certificate)}</${tag}X509Certificate></${tag}X509Data>`;
    },
  });
  signer.addReference({ xpath, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  signer.computeSignature(xml, { prefix: "ds", location: { reference: issuerOf(xpath), action: "after" } });
  return signer.getSignedXml();
}

function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

/** The POST body value: base64 of the XML. */
export function encodeSamlResponse(xml: string): string {
  return Buffer.from(xml, "utf8").toString("base64");
}

/** Parses a response for tests that rearrange it (signature wrapping, duplicated assertions). */
export function editSamlResponse(xml: string, edit: (response: Element, assertions: Element[]) => void): string {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const response = doc.documentElement!;
  const assertions = Array.from(response.getElementsByTagNameNS(SAML_ASSERTION_NS, "Assertion"));
  edit(response, assertions);
  return new XMLSerializer().serializeToString(doc);
}

/** Whether the document's only signature verifies cryptographically, wherever it sits. */
export function hasValidSignature(xml: string, certificate: string): boolean {
  const signatures = new DOMParser().parseFromString(xml, "text/xml").getElementsByTagNameNS(XMLDSIG_NS, "Signature");
  if (signatures.length !== 1) throw new Error(`expected one signature, found ${signatures.length}`);
  const verifier = new SignedXml({ publicCert: certificate });
  verifier.loadSignature(signatures[0]!);
  return verifier.checkSignature(xml);
}

/** The (first) assertion of a response, as a DOM element to move into another response. */
export function assertionElement(xml: string): Element {
  const assertion = new DOMParser().parseFromString(xml, "text/xml").getElementsByTagNameNS(SAML_ASSERTION_NS, "Assertion")[0];
  if (!assertion) throw new Error("the response has no assertion");
  return assertion;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
