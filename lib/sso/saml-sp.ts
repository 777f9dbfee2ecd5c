// The SAML service provider: AuthnRequests (signed if configured) and strict validation of the
// POSTed response. node-saml verifies signatures (only signed content is read), audience,
// timestamps and InResponseTo. This adds what it leaves out: the assertion's Issuer must be the
// IdP's entity id, every subject confirmation is bearer, Destination and Recipient must be our ACS,
// the request id must be this provider's and consumed exactly once, and an assertion is accepted
// only once. With MFA required, the request asks for the provider's AuthnContextClassRefs and the
// signed assertion must report one.
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import type { SecretBox } from "../crypto/secret-box";
import type { Db } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { consumeAssertion, findSamlRequest, pruneSamlState, saveSamlRequest, takeSamlRequest } from "../db/sso";
import type { SamlProvider, SamlRequest } from "../generated/prisma/client";
import { createLogger, errorMessage, type Logger } from "../log";
import { samlAuthnEvidence } from "./mfa-policy";
import { resolveSsoSignIn, ssoProviderRef, SsoRefusal, type SsoSignInContext } from "./sign-in";
import { samlUrls, signInMethod } from "./urls";

export const SAML_REQUEST_TTL_MS = 5 * 60 * 1000;
export const SAML_CLOCK_SKEW_MS = 60 * 1000;
const TRANSIENT_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
const BEARER_METHOD = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const defaultLog = createLogger("saml");

/** A provider row with its sealed private key (`findSamlProviderBySlug`). */
export type SamlProviderWithKey = SamlProvider & { spPrivateKeyEncrypted: string | null };

export interface SamlContext {
  db: Db;
  secretBox: SecretBox;
  externalUrl: string;
  log?: Logger;
}

export interface PendingLogin {
  callbackPath: string;
  linkUserId: string | null;
  /** hashToken() of the nonce cookie set on the browser that starts the login. */
  browserHash: string;
}

/**
 * Request ids live in PostgreSQL so any web process can take the response. Remembers the rows
 * node-saml looked up and the ids it consumed, so the caller uses exactly the validated request.
 */
class RequestStore implements CacheProvider {
  readonly found = new Map<string, SamlRequest>();
  readonly consumed = new Set<string>();
  constructor(
    private readonly db: Db,
    private readonly providerId: string,
    private readonly pending: PendingLogin = { linkUserId: null, callbackPath: "/", browserHash: "" },
  ) {}

  async saveAsync(key: string, value: string) {
    await saveSamlRequest(this.db, { id: key, providerId: this.providerId, ...this.pending });
    return { value, createdAt: Date.now() };
  }

  async getAsync(key: string) {
    const row = await findSamlRequest(this.db, key);
    if (!row || row.providerId !== this.providerId) return null;
    this.found.set(key, row);
    return row.createdAt.toISOString();
  }

  async removeAsync(key: string | null) {
    if (key && (await this.take(key))) return key;
    return null;
  }

  /** Consumes a request of this provider; false when it was not pending (used, expired, another provider's). */
  async take(key: string): Promise<boolean> {
    if (this.consumed.has(key)) return true;
    if (!(await takeSamlRequest(this.db, key, this.providerId))) return false;
    this.consumed.add(key);
    return true;
  }
}

function buildSaml(context: SamlContext, provider: SamlProviderWithKey, store: CacheProvider): SAML {
  const urls = samlUrls(context.externalUrl, provider.slug);
  const privateKey = provider.spPrivateKeyEncrypted ? context.secretBox.open(provider.spPrivateKeyEncrypted) : undefined;
  return new SAML({
    callbackUrl: urls.acsUrl,
    entryPoint: provider.idpSsoUrl,
    issuer: provider.spEntityId,
    audience: provider.spEntityId,
    idpCert: provider.idpCertificates,
    ...(provider.idpEntityId && { idpIssuer: provider.idpEntityId }),
    wantAssertionsSigned: provider.requireSignedAssertions,
    wantAuthnResponseSigned: provider.requireSignedResponses,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    cacheProvider: store,
    ...(provider.signRequests && privateKey && { privateKey, signatureAlgorithm: "sha256" as const }),
    ...(privateKey && { decryptionPvk: privateKey }),
    ...(provider.spCertificate && { publicCert: provider.spCertificate }),
    // Let the IdP pick its NameID format; ask for an authentication method only when the provider
    // requires MFA (asking makes some IdPs refuse methods they cannot do).
    identifierFormat: null,
    ...(provider.requireMfa && provider.mfaAuthnContexts.length
      ? { disableRequestedAuthnContext: false, authnContext: provider.mfaAuthnContexts, racComparison: "exact" as const }
      : { disableRequestedAuthnContext: true }),
  });
}

/** The IdP redirect URL for a new AuthnRequest; its id is stored for the response's InResponseTo. */
export async function startSamlLogin(context: SamlContext, provider: SamlProviderWithKey, options: PendingLogin) {
  await pruneSamlState(context.db, new Date(Date.now() - SAML_REQUEST_TTL_MS));
  const saml = buildSaml(context, provider, new RequestStore(context.db, provider.id, options));
  return saml.getAuthorizeUrlAsync("", undefined, {});
}

export function samlServiceProviderMetadata(context: SamlContext, provider: SamlProviderWithKey): string {
  const saml = buildSaml(context, provider, new RequestStore(context.db, provider.id));
  return saml.generateServiceProviderMetadata(provider.spCertificate, provider.spCertificate);
}

export interface SamlSignInResult {
  user: Awaited<ReturnType<typeof resolveSsoSignIn>>;
  callbackPath: string;
  method: string;
  /** The ticket for this sign-in must be redeemed by the browser that started it. */
  browserHash: string;
}

/**
 * Validates a POSTed SAMLResponse and signs its subject in. Throws SsoRefusal; the reason is logged
 * and audited, the person sees a generic message.
 */
export async function consumeSamlResponse(
  context: SamlContext,
  provider: SamlProviderWithKey,
  body: { SAMLResponse?: string | null },
  signIn: Pick<SsoSignInContext, "ip">,
): Promise<SamlSignInResult> {
  const log = context.log ?? defaultLog;
  const method = signInMethod("saml", provider.slug);
  const refuse = async (reason: string): Promise<never> => {
    log.warn(`${method} response refused: ${reason}`);
    await recordAuditEvent(context.db, { actor: null, action: "auth.sso_refused", ip: signIn.ip, details: { method, reason } });
    throw new SsoRefusal("failed", reason);
  };

  if (!body.SAMLResponse || body.SAMLResponse.length > 1_000_000) return refuse("no SAMLResponse in the POST body, or larger than 1 MB");
  const acsUrl = samlUrls(context.externalUrl, provider.slug).acsUrl;

  const store = new RequestStore(context.db, provider.id);
  let profile: Profile | null;
  try {
    ({ profile } = await buildSaml(context, provider, store).validatePostResponseAsync({ SAMLResponse: body.SAMLResponse }));
  } catch (error) {
    return refuse(errorMessage(error));
  }
  if (!profile) return refuse("the response carries no assertion");
  // node-saml validated the root element's InResponseTo; that request (looked up through our store) is
  // the only one whose link target and return path count.
  const requestId = typeof profile.inResponseTo === "string" ? profile.inResponseTo : null;
  const pending = requestId ? store.found.get(requestId) : undefined;
  if (!requestId || !pending) return refuse("the response does not answer a pending request of this provider");
  // Two copies of one response racing each other: only the one that consumed the request id wins.
  if (!(await store.take(requestId))) return refuse(`request ${requestId} was already used (replayed response)`);

  // Providers saved before metadata needed an entityID have none: without it the Issuer means nothing.
  if (!provider.idpEntityId) return refuse("the provider has no IdP entity id: save it again with metadata that has an entityID");
  if (profile.issuer !== provider.idpEntityId) {
    return refuse(`assertion Issuer ${profile.issuer ?? "(missing)"} is not the IdP's entity id ${provider.idpEntityId}`);
  }
  const destination = responseDestination(body.SAMLResponse);
  if (destination !== null ? destination !== acsUrl : provider.requireSignedResponses) {
    return refuse(`Destination ${destination ?? "(missing)"} is not this ACS (${acsUrl})`);
  }
  const assertion = verifiedAssertion(profile);
  // The root's InResponseTo is outside the signature when only the assertion is signed: the signed
  // SubjectConfirmationData must name the same request, or an IdP-initiated assertion could be
  // attached to someone's pending request.
  if (!assertion.inResponseTos.length || assertion.inResponseTos.some((id) => id !== requestId)) {
    return refuse(`SubjectConfirmationData InResponseTo ${assertion.inResponseTos.join(", ") || "(missing)"} does not match request ${requestId}`);
  }
  // Web browser SSO is bearer only: holder-of-key or sender-vouches would need checks we do not make.
  if (!assertion.methods.length || assertion.methods.some((item) => item !== BEARER_METHOD)) {
    return refuse(`SubjectConfirmation Method ${assertion.methods.join(", ") || "(missing)"} is not bearer (${BEARER_METHOD})`);
  }
  const recipients = assertion.recipients;
  if (!recipients.length || recipients.some((recipient) => recipient !== acsUrl)) {
    return refuse(`SubjectConfirmationData Recipient ${recipients.join(", ") || "(missing)"} is not this ACS (${acsUrl})`);
  }
  if (!assertion.id) return refuse("the assertion has no ID");
  const keepUntil = new Date(Math.max(Date.now() + SAML_REQUEST_TTL_MS, assertion.notOnOrAfter ?? 0) + SAML_CLOCK_SKEW_MS);
  if (!(await consumeAssertion(context.db, provider.id, assertion.id, keepUntil))) return refuse(`assertion ${assertion.id} was already used (replayed response)`);

  const email = attribute(profile, provider.emailAttribute) ?? (profile.nameIDFormat?.endsWith(":emailAddress") ? profile.nameID : null);
  const name = provider.nameAttribute ? attribute(profile, provider.nameAttribute) : null;
  if (!profile.nameID) return refuse("the assertion has no NameID");
  // A transient NameID changes every time; the email is the stable identity then.
  const subject = profile.nameIDFormat === TRANSIENT_FORMAT && email ? `email:${email.toLowerCase()}` : profile.nameID;

  const user = await resolveSsoSignIn(
    context.db,
    ssoProviderRef("saml", provider),
    { subject, email, name, authn: samlAuthnEvidence(assertion.authnContextClassRefs, provider.mfaAuthnContexts) },
    { ip: signIn.ip, linkUserId: pending.linkUserId, log },
  );
  return { user, callbackPath: pending.callbackPath, method, browserHash: pending.browserHash };
}

/** The root Response element's Destination, read from the parsed document (comments and look-alikes ignored). */
function responseDestination(base64: string): string | null {
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(
    Buffer.from(base64, "base64").toString("utf8"),
    "text/xml",
  );
  const root = doc?.documentElement;
  return root?.localName === "Response" && root.hasAttribute("Destination") ? root.getAttribute("Destination") : null;
}

type XmlNode = { $?: Record<string, string>; [child: string]: unknown };

/** Reads the signed assertion node-saml verified (xml2js form); never the unsigned envelope. */
function verifiedAssertion(profile: Profile) {
  const root = profile.getAssertion?.() as { Assertion?: XmlNode } | undefined;
  const node = root?.Assertion;
  const children = (parent: XmlNode | undefined, name: string) => ((parent?.[name] as XmlNode[] | undefined) ?? []);
  const subjectConfirmations = children(children(node, "Subject")[0], "SubjectConfirmation");
  const confirmations = subjectConfirmations.flatMap((item) => children(item, "SubjectConfirmationData"));
  const classRefs = children(node, "AuthnStatement")
    .flatMap((statement) => children(statement, "AuthnContext"))
    .flatMap((authnContext) => (authnContext.AuthnContextClassRef as unknown[] | undefined) ?? [])
    .map((value) => (typeof value === "string" ? value : ((value as { _?: string })._ ?? "")).trim());
  const conditions = children(node, "Conditions")[0];
  const notOnOrAfter = conditions?.$?.NotOnOrAfter ? Date.parse(conditions.$.NotOnOrAfter) : null;
  return {
    id: node?.$?.ID ?? null,
    methods: subjectConfirmations.map((item) => item.$?.Method ?? ""),
    authnContextClassRefs: classRefs,
    recipients: confirmations.map((data) => data.$?.Recipient ?? ""),
    inResponseTos: confirmations.map((data) => data.$?.InResponseTo ?? ""),
    notOnOrAfter: Number.isFinite(notOnOrAfter) ? notOnOrAfter : null,
  };
}

function attribute(profile: Profile, name: string): string | null {
  const value = (profile.attributes as Record<string, unknown> | undefined)?.[name] ?? profile[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() ? first.trim() : null;
}
