import { createVerify } from "node:crypto";
import { stringify } from "node:querystring";
import { inflateRawSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import {
  assertionElement,
  editSamlResponse,
  encodeSamlResponse,
  hasValidSignature,
  SAML_ASSERTION_NS,
  SAML_PROTOCOL_NS,
  samlId,
  samlResponse,
  samlTestKeys,
  signAssertion,
  signedSamlResponse,
  signResponse,
  TEST_IDP,
  XMLDSIG_NS,
  type SamlResponseOptions,
} from "../../test/saml-responses";
import { SecretBox } from "../crypto/secret-box";
import type { Prisma } from "../generated/prisma/client";
import type { Logger } from "../log";
import { consumeSamlResponse, startSamlLogin, type PendingLogin, type SamlContext } from "./saml-sp";
import { DEFAULT_SAML_MFA_CONTEXTS } from "./mfa-policy";
import { SSO_REFUSAL_MESSAGES, SsoRefusal, type SsoPolicyReason, type SsoRefusalCode } from "./sign-in";
import { generateSpKeyPair } from "./sp-keys";

const IP = "203.0.113.7";
const MINUTE_MS = 60 * 1000;
const secretBox = new SecretBox("saml-sp-integration-test-secret-0123456789");

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});
afterEach(() => database.drop());

type ProviderSettings = Partial<Omit<Prisma.SamlProviderCreateInput, "slug" | "spEntityId">>;

async function createProvider(slug: string, settings: ProviderSettings = {}) {
  const { idp } = await samlTestKeys();
  return database.db.samlProvider.create({
    data: {
      slug,
      label: "Test IdP",
      spEntityId: `http://wiregui.test/api/auth/saml/${slug}/metadata`,
      idpEntityId: TEST_IDP.entityId,
      idpSsoUrl: TEST_IDP.ssoUrl,
      idpCertificates: [idp.certificate],
      requireSignedAssertions: true,
      requireSignedResponses: true,
      emailAttribute: "email",
      nameAttribute: "displayName",
      autoCreateUsers: true,
      signRequests: false,
      ...settings,
    },
    omit: { spPrivateKeyEncrypted: false },
  });
}

/** The AuthnRequest inside an HTTP-Redirect URL. */
function authnRequestOf(url: string) {
  const query = new URL(url).searchParams;
  const xml = inflateRawSync(Buffer.from(query.get("SAMLRequest") ?? "", "base64")).toString("utf8");
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id) throw new Error(`no ID in the AuthnRequest: ${xml}`);
  return { id, xml, query };
}

/** A provider "idp", a capturing logger, and shortcuts for the two halves of a login. */
async function setup(settings: ProviderSettings = {}) {
  const keys = await samlTestKeys();
  const provider = await createProvider("idp", settings);
  const logs: { level: keyof Logger; message: string }[] = [];
  const log: Logger = {
    info: (message) => logs.push({ level: "info", message }),
    warn: (message) => logs.push({ level: "warn", message }),
    error: (message) => logs.push({ level: "error", message }),
  };
  const context: SamlContext = { db: database.db, secretBox, externalUrl: "http://wiregui.test", log };

  /** Starts a login and returns the id of the request the IdP answers. */
  const start = async (options: Partial<PendingLogin> = {}) =>
    authnRequestOf(await startSamlLogin(context, provider, { callbackPath: "/devices", linkUserId: null, browserHash: "browser-1", ...options })).id;
  const post = (xml: string) => consumeSamlResponse(context, provider, { SAMLResponse: encodeSamlResponse(xml) }, { ip: IP });
  /** A response for `options`, signed by the IdP at both levels unless told otherwise. */
  const respond = (options: SamlResponseOptions, sign?: { assertion?: boolean; response?: boolean }) => signedSamlResponse(options, keys.idp, sign);

  /** The refusal carries the generic message, and the reason is in the log and the audit log. */
  const expectRefused = async (attempt: Promise<unknown>, reason: string) => {
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SsoRefusal);
    const refusal = error as SsoRefusal;
    expect(refusal.code).toBe("failed");
    expect(refusal.reason).toContain(reason);
    expect(SSO_REFUSAL_MESSAGES[refusal.code]).toBe("Single sign-on failed. Try again, or ask an administrator to check the logs.");
    expect(logs.filter((line) => line.level === "warn" && line.message.startsWith("saml:idp response refused:") && line.message.includes(reason))).toHaveLength(1);
    const audits = await database.db.auditEvent.findMany({ where: { action: "auth.sso_refused" } });
    const details = audits.map((audit) => ({ ...(audit.details as { method: string; reason: string }), ip: audit.ip, actor: audit.actorUserId }));
    expect(details).toContainEqual({ method: "saml:idp", reason: expect.stringContaining(reason) as string, ip: IP, actor: null });
  };

  /** Refused by the sign-in policy (after the response was validated): its own message and reason code. */
  const expectPolicyRefused = async (attempt: Promise<unknown>, code: SsoRefusalCode, reasonCode: SsoPolicyReason, reason: string) => {
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SsoRefusal);
    expect(error).toMatchObject({ code, reasonCode });
    expect((error as SsoRefusal).reason).toContain(reason);
    expect(logs.filter((line) => line.level === "warn" && line.message.startsWith("saml:idp sign-in refused:") && line.message.includes(reason))).toHaveLength(1);
    const audits = await database.db.auditEvent.findMany({ where: { action: "auth.sso_refused" } });
    expect(audits.map((audit) => audit.details)).toContainEqual(expect.objectContaining({ method: "saml:idp", reasonCode, reason: expect.stringContaining(reason) as string }));
    expect(await database.db.auditEvent.count({ where: { action: { in: ["auth.sign_in", "sso.connected"] } } })).toBe(0);
  };

  const expectNobodySignedIn = async () => {
    expect(await database.db.user.count()).toBe(0);
    expect(await database.db.ssoConnection.count()).toBe(0);
    expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in" } })).toBe(0);
  };

  return { keys, provider, context, logs, start, post, respond, expectRefused, expectPolicyRefused, expectNobodySignedIn };
}

describe("startSamlLogin", () => {
  it("redirects to the IdP with an unsigned AuthnRequest whose id is stored with the return path", async () => {
    const { context, provider } = await setup();
    const url = await startSamlLogin(context, provider, { callbackPath: "/devices", linkUserId: null, browserHash: "browser-1" });
    expect(url.startsWith(`${TEST_IDP.ssoUrl}?`)).toBe(true);
    const request = authnRequestOf(url);
    expect(request.query.has("Signature")).toBe(false);
    expect(request.xml).toContain(`AssertionConsumerServiceURL="${TEST_IDP.acsUrl}"`);
    expect(request.xml).toContain(`>${TEST_IDP.spEntityId}</saml:Issuer>`);
    const stored = await database.db.samlRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored).toMatchObject({ providerId: provider.id, callbackPath: "/devices", linkUserId: null, browserHash: "browser-1" });
  });

  it("asks for no authentication context unless the provider requires MFA", async () => {
    const { start, context, provider } = await setup();
    await start();
    const url = await startSamlLogin(context, provider, { callbackPath: "/", linkUserId: null, browserHash: "browser-1" });
    expect(authnRequestOf(url).xml).not.toContain("RequestedAuthnContext");
  });

  it("asks for the provider's MFA AuthnContextClassRefs (exact) when it requires MFA", async () => {
    const { context, provider } = await setup({ requireMfa: true, mfaAuthnContexts: ["https://refeds.org/profile/mfa", "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken"] });
    const { xml } = authnRequestOf(await startSamlLogin(context, provider, { callbackPath: "/", linkUserId: null, browserHash: "browser-1" }));
    expect(xml).toMatch(/<samlp:RequestedAuthnContext[^>]* Comparison="exact"/);
    expect(xml).toContain(">https://refeds.org/profile/mfa</saml:AuthnContextClassRef>");
    expect(xml).toContain(">urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken</saml:AuthnContextClassRef>");
  });

  it("signs the redirect with the SP key when the provider signs requests", async () => {
    const sp = await generateSpKeyPair("wiregui.test");
    const { context, provider } = await setup({ signRequests: true, spPrivateKeyEncrypted: secretBox.seal(sp.privateKey), spCertificate: sp.certificate });
    const { query } = authnRequestOf(await startSamlLogin(context, provider, { callbackPath: "/", linkUserId: null, browserHash: "browser-1" }));
    expect(query.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    const signature = query.get("Signature");
    expect(signature).toBeTruthy();
    // HTTP-Redirect binding: the signature covers SAMLRequest and SigAlg, URL-encoded in that order.
    const signedPart = stringify({ SAMLRequest: query.get("SAMLRequest"), SigAlg: query.get("SigAlg") });
    expect(createVerify("RSA-SHA256").update(signedPart).verify(sp.certificate, signature!, "base64")).toBe(true);
  });
});

describe("consumeSamlResponse", () => {
  describe("accepts", () => {
    it("a correctly signed response: creates the user and its connection and returns the pending return path", async () => {
      const { provider, start, post, respond } = await setup();
      const requestId = await start({ callbackPath: "/devices", linkUserId: null, browserHash: "browser-1" });
      const assertionId = samlId("assertion");

      const result = await post(respond({ inResponseTo: requestId, assertionId }));

      expect(result).toMatchObject({ method: "saml:idp", callbackPath: "/devices", browserHash: "browser-1", user: { email: "alice@example.com", role: "unprivileged" } });
      const user = await database.db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
      expect(user).toMatchObject({ id: result.user.id, name: "Alice Example", lastSignInMethod: "saml:idp" });
      const connections = await database.db.ssoConnection.findMany();
      expect(connections).toEqual([expect.objectContaining({ userId: user.id, samlProviderId: provider.id, subject: "alice-1234", email: "alice@example.com", status: "active" })]);
      expect(await database.db.samlRequest.count({ where: { id: requestId } })).toBe(0);
      expect(await database.db.samlConsumedAssertion.count({ where: { providerId: provider.id, assertionId } })).toBe(1);
      expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in", actorUserId: user.id } })).toBe(1);
    });

    it("a response with only the assertion signed when the provider does not require signed responses", async () => {
      const { start, post, respond } = await setup({ requireSignedResponses: false, requireSignedAssertions: true });
      const result = await post(respond({ inResponseTo: await start() }, { assertion: true, response: false }));
      expect(result.user.email).toBe("alice@example.com");
    });

    it("a response with only the response signed when the provider does not require signed assertions", async () => {
      const { start, post, respond } = await setup({ requireSignedResponses: true, requireSignedAssertions: false });
      const result = await post(respond({ inResponseTo: await start() }, { assertion: false, response: true }));
      expect(result.user.email).toBe("alice@example.com");
    });
  });

  describe("refuses a forged signature", () => {
    it("when neither the response nor the assertion is signed", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(respond({ inResponseTo: await start() }, { assertion: false, response: false })), "Invalid document signature");
      await expectNobodySignedIn();
    });

    it("when it was signed by a key the provider does not trust", async () => {
      const { keys, start, post, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(signedSamlResponse({ inResponseTo: await start() }, keys.attacker)), "Invalid document signature");
      await expectNobodySignedIn();
    });

    it.each([
      { tampered: "email", signed: "response and assertion", settings: {}, sign: {}, from: "alice@example.com", to: "mallory@example.com", reason: "Invalid document signature" },
      { tampered: "NameID", signed: "assertion only", settings: { requireSignedResponses: false }, sign: { response: false }, from: ">alice-1234<", to: ">mallory-666<", reason: "Invalid signature" },
    ])("when the $tampered was changed after signing ($signed)", async ({ settings, sign, from, to, reason }) => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup(settings);
      const signed = respond({ inResponseTo: await start() }, sign);
      expect(signed).toContain(from);
      await expectRefused(post(signed.replace(from, to)), reason);
      await expectNobodySignedIn();
    });
  });

  describe("refuses signature wrapping", () => {
    const bob = { nameId: "bob-666", email: "bob@example.com", displayName: "Bob Evil" };

    /** Bob's unsigned assertion, as an attacker would write it, answering the same request. */
    const evilAssertion = (requestId: string) => assertionElement(samlResponse({ inResponseTo: requestId, ...bob }));

    async function expectBobNotSignedIn() {
      expect(await database.db.user.count({ where: { email: bob.email } })).toBe(0);
      expect(await database.db.ssoConnection.count({ where: { subject: bob.nameId } })).toBe(0);
      expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in" } })).toBe(0);
    }

    it("when an unsigned assertion for someone else is added next to the signed one", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup({ requireSignedResponses: false });
      const requestId = await start();
      const wrapped = editSamlResponse(respond({ inResponseTo: requestId }, { response: false }), (response, [signed]) => {
        response.insertBefore(response.ownerDocument!.importNode(evilAssertion(requestId), true), signed!);
      });
      await expectRefused(post(wrapped), "Invalid signature: multiple assertions");
      await expectBobNotSignedIn();
      await expectNobodySignedIn();
    });

    it.each([
      {
        hiding: "a samlp:Extensions element",
        hide: (response: Element, signed: Element) => {
          const extensions = response.ownerDocument!.createElementNS(SAML_PROTOCOL_NS, "saml2p:Extensions");
          response.insertBefore(extensions, response.getElementsByTagNameNS(SAML_PROTOCOL_NS, "Status")[0]!);
          extensions.appendChild(signed);
        },
      },
      {
        hiding: "a ds:Object of the moved signature",
        hide: (response: Element, signed: Element) => {
          const signature = response.getElementsByTagNameNS(XMLDSIG_NS, "Signature")[0]!;
          const object = response.ownerDocument!.createElementNS(XMLDSIG_NS, "ds:Object");
          signature.appendChild(object);
          object.appendChild(signed);
        },
      },
    ])("when the signed assertion is hidden in $hiding and an unsigned one takes its place with its signature", async ({ hide }) => {
      const { keys, start, post, respond, expectRefused, expectNobodySignedIn } = await setup({ requireSignedResponses: false });
      const requestId = await start();
      const wrapped = editSamlResponse(respond({ inResponseTo: requestId }, { response: false }), (response, [signed]) => {
        // The classic XSW: the signature still verifies (it references the original assertion by ID),
        // but sits in the assertion that would be read.
        const signature = signed!.getElementsByTagNameNS(XMLDSIG_NS, "Signature")[0]!;
        const evil = response.ownerDocument!.importNode(evilAssertion(requestId), true);
        response.replaceChild(evil, signed!);
        evil.insertBefore(signature, evil.getElementsByTagNameNS(SAML_ASSERTION_NS, "Subject")[0]!);
        hide(response, signed!);
      });
      expect(hasValidSignature(wrapped, keys.idp.certificate)).toBe(true);
      await expectRefused(post(wrapped), "Referenced node does not refer to it's parent element");
      await expectBobNotSignedIn();
      await expectNobodySignedIn();
    });

    it("when only the assertion is signed but the provider requires a signed response", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup({ requireSignedResponses: true });
      await expectRefused(post(respond({ inResponseTo: await start() }, { assertion: true, response: false })), "Invalid document signature");
      await expectNobodySignedIn();
    });

    it("when the same signed assertion appears twice", async () => {
      const { keys, start, post, expectRefused, expectNobodySignedIn } = await setup();
      const withAssertionSigned = signAssertion(samlResponse({ inResponseTo: await start() }), keys.idp);
      const duplicated = editSamlResponse(withAssertionSigned, (response, [signed]) => {
        response.appendChild(signed!.cloneNode(true));
      });
      await expectRefused(post(signResponse(duplicated, keys.idp)), "Invalid signature: multiple assertions");
      await expectNobodySignedIn();
    });
  });

  describe("refuses an assertion that is not for this SP or not valid now", () => {
    it("when the audience is another SP", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(respond({ inResponseTo: await start(), audience: "https://other-sp.test/metadata" })), "SAML assertion audience mismatch");
      await expectNobodySignedIn();
    });

    it("when it expired 10 minutes ago, beyond the clock skew", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      const past = new Date(Date.now() - 10 * MINUTE_MS);
      const expired = respond({ inResponseTo: await start(), issuedAt: new Date(Date.now() - 15 * MINUTE_MS), notBefore: new Date(Date.now() - 15 * MINUTE_MS), notOnOrAfter: past, subjectNotOnOrAfter: past });
      await expectRefused(post(expired), "No valid subject confirmation found");
      await expectNobodySignedIn();
    });

    it("when its conditions expired 10 minutes ago, even with a current subject confirmation", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(respond({ inResponseTo: await start(), notOnOrAfter: new Date(Date.now() - 10 * MINUTE_MS) })), "SAML assertion expired");
      await expectNobodySignedIn();
    });

    it("when it only becomes valid in 10 minutes", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(respond({ inResponseTo: await start(), notBefore: new Date(Date.now() + 10 * MINUTE_MS) })), "SAML assertion not yet valid");
      await expectNobodySignedIn();
    });

    it.each([
      { field: "Destination", options: { destination: "https://evil.test/acs" }, reason: "Destination https://evil.test/acs is not this ACS" },
      { field: "Recipient", options: { recipient: "https://evil.test/acs" }, reason: "SubjectConfirmationData Recipient https://evil.test/acs is not this ACS" },
    ])("when the $field is another ACS", async ({ options, reason }) => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(respond({ inResponseTo: await start(), ...options })), reason);
      await expectNobodySignedIn();
    });
  });

  describe("refuses a response that does not answer a pending request of this provider", () => {
    it("when it is replayed after being accepted", async () => {
      const { start, post, respond, expectRefused } = await setup();
      const requestId = await start();
      const response = respond({ inResponseTo: requestId });
      await post(response);

      await expectRefused(post(response), "InResponseTo is not valid");
      expect(await database.db.ssoConnection.count()).toBe(1);
      expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in" } })).toBe(1);
    });

    it("when one fresh response is submitted twice at once: exactly one is accepted", async () => {
      const { start, post, respond, logs } = await setup();
      const response = respond({ inResponseTo: await start() });

      const results = await Promise.allSettled([post(response), post(response)]);

      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const rejected = results.filter((result) => result.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(SsoRefusal);
      expect((rejected[0]!.reason as SsoRefusal).code).toBe("failed");
      expect(logs.filter((line) => line.level === "warn" && line.message.startsWith("saml:idp response refused:"))).toHaveLength(1);
      expect(await database.db.auditEvent.count({ where: { action: "auth.sso_refused" } })).toBe(1);
      expect(await database.db.user.count()).toBe(1);
      expect(await database.db.ssoConnection.count()).toBe(1);
      expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in" } })).toBe(1);
    });

    it("when it answers a request id that was never issued", async () => {
      const { post, respond, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(respond({ inResponseTo: samlId("never-issued") })), "InResponseTo is not valid");
      await expectNobodySignedIn();
    });

    it("when it is unsolicited (no InResponseTo)", async () => {
      const { post, respond, expectRefused, expectNobodySignedIn } = await setup();
      await expectRefused(post(respond({ inResponseTo: null })), "InResponseTo is missing from response");
      await expectNobodySignedIn();
    });

    it("when it answers a request issued for another SAML provider", async () => {
      const { context, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      const other = await createProvider("other");
      const otherRequestId = authnRequestOf(await startSamlLogin(context, other, { callbackPath: "/", linkUserId: null, browserHash: "browser-1" })).id;

      await expectRefused(post(respond({ inResponseTo: otherRequestId })), "InResponseTo is not valid");
      await expectNobodySignedIn();
      // The other provider's pending login is not burnt by a refused response.
      expect(await database.db.samlRequest.count({ where: { id: otherRequestId } })).toBe(1);
    });

    it("when a comment names someone else's pending request: the validated request counts", async () => {
      const { start, post, respond } = await setup();
      const victim = await database.db.user.create({ data: { email: "victim@example.com" } });
      const victimRequestId = await start({ callbackPath: "/account", linkUserId: victim.id });
      const signed = respond({ inResponseTo: await start(), nameId: "mallory-1", email: "mallory@example.com" });

      const result = await post(`<!--<Response InResponseTo="${victimRequestId}" Destination="http://wiregui.test/api/auth/saml/idp/acs"-->${signed}`);

      expect(result.user.email).toBe("mallory@example.com");
      expect(result.callbackPath).toBe("/devices");
      expect(await database.db.ssoConnection.count({ where: { userId: victim.id } })).toBe(0);
      expect(await database.db.samlRequest.count({ where: { id: victimRequestId } })).toBe(1);
    });

    it("when the Destination is only claimed in a comment", async () => {
      const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
      const signed = respond({ inResponseTo: await start(), destination: "https://evil.test/acs" });
      await expectRefused(post(`<!--<Response Destination="http://wiregui.test/api/auth/saml/idp/acs"-->${signed}`), "Destination https://evil.test/acs is not this ACS");
      await expectNobodySignedIn();
    });
  });

  it("refuses an IdP-initiated assertion whose unsigned envelope claims a pending request", async () => {
    const { start, post, respond, expectRefused } = await setup({ requireSignedResponses: false });
    const victim = await database.db.user.create({ data: { email: "victim@example.com" } });
    const victimRequestId = await start({ callbackPath: "/account", linkUserId: victim.id });
    const signed = respond({ inResponseTo: victimRequestId, subjectInResponseTo: null, nameId: "mallory-1" }, { assertion: true, response: false });

    await expectRefused(post(signed), `SubjectConfirmationData InResponseTo (missing) does not match request ${victimRequestId}`);
    expect(await database.db.ssoConnection.count()).toBe(0);
    expect(await database.db.user.count()).toBe(1);
  });

  it("refuses an assertion issued by another entity, even when signed with the IdP's key", async () => {
    const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
    await expectRefused(post(respond({ inResponseTo: await start(), issuer: "https://evil-idp.test/metadata" })), "assertion Issuer https://evil-idp.test/metadata is not the IdP's entity id");
    await expectNobodySignedIn();
  });
});

describe("consumeSamlResponse: subject confirmation and IdP entity id", () => {
  it.each([
    { method: "holder-of-key", value: "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key", shown: "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key" },
    { method: "sender-vouches", value: "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches", shown: "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches" },
    { method: "no", value: null, shown: "(missing)" },
  ])("refuses a signed assertion with $method confirmation method instead of bearer", async ({ value, shown }) => {
    const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup();
    await expectRefused(post(respond({ inResponseTo: await start(), confirmationMethod: value })), `SubjectConfirmation Method ${shown} is not bearer`);
    await expectNobodySignedIn();
  });

  it("refuses every response for a provider stored without an IdP entity id (the Issuer check would be skipped)", async () => {
    const { start, post, respond, expectRefused, expectNobodySignedIn } = await setup({ idpEntityId: null });
    await expectRefused(post(respond({ inResponseTo: await start() })), "the provider has no IdP entity id");
    await expectNobodySignedIn();
  });
});

describe("consumeSamlResponse: linking by email", () => {
  const assertionFor = { nameId: "new-subject-1", email: "alice@example.com" };

  it("refuses by default to join an existing account by email (SAML has no email_verified)", async () => {
    const { start, post, respond, expectPolicyRefused } = await setup();
    await database.db.user.create({ data: { email: "alice@example.com" } });
    await expectPolicyRefused(post(respond({ inResponseTo: await start(), ...assertionFor })), "link_refused", "email_link_disabled", "the provider does not link accounts by email");
    expect(await database.db.ssoConnection.count()).toBe(0);
  });

  it.each([
    { account: "an administrator", data: { role: "admin" as const } },
    { account: "a user with a password", data: { passwordHash: "$2b$12$hash" } },
  ])("refuses to join $account even when the provider links by email", async ({ data }) => {
    const { start, post, respond, expectPolicyRefused } = await setup({ linkByEmail: true });
    await database.db.user.create({ data: { email: "alice@example.com", ...data } });
    await expectPolicyRefused(post(respond({ inResponseTo: await start(), ...assertionFor })), "link_refused", "email_link_privileged_account", "alice@example.com is an administrator or has a password or an authenticator");
    expect(await database.db.ssoConnection.count()).toBe(0);
  });

  it("joins a passwordless, unprivileged account when the provider links by email", async () => {
    const { start, post, respond } = await setup({ linkByEmail: true });
    const user = await database.db.user.create({ data: { email: "alice@example.com" } });
    const result = await post(respond({ inResponseTo: await start(), ...assertionFor }));
    expect(result.user.id).toBe(user.id);
    expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ userId: user.id, subject: "new-subject-1", status: "active" })]);
  });
});

describe("consumeSamlResponse: required multi-factor authentication", () => {
  const settings = { requireMfa: true, mfaAuthnContexts: [...DEFAULT_SAML_MFA_CONTEXTS] };

  it("refuses an assertion whose AuthnContextClassRef is not a listed MFA class, creating nobody", async () => {
    const { start, post, respond, expectPolicyRefused, expectNobodySignedIn } = await setup(settings);
    await expectPolicyRefused(
      post(respond({ inResponseTo: await start() })),
      "mfa_required",
      "mfa_not_reported",
      "the identity provider did not report multi-factor authentication (AuthnContextClassRef=urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport)",
    );
    await expectNobodySignedIn();
  });

  it("accepts an assertion that reports REFEDS MFA", async () => {
    const { start, post, respond } = await setup(settings);
    const result = await post(respond({ inResponseTo: await start(), authnContextClassRef: "https://refeds.org/profile/mfa" }));
    expect(result.user.email).toBe("alice@example.com");
  });

  it("reads the class from the signed assertion, not from a copy added outside the signature", async () => {
    const { start, post, respond, expectPolicyRefused } = await setup({ ...settings, requireSignedResponses: false });
    const signed = respond({ inResponseTo: await start() }, { response: false });
    const forged = editSamlResponse(signed, (response) => {
      const copy = response.ownerDocument!.createElementNS(SAML_ASSERTION_NS, "saml2:AuthnContextClassRef");
      copy.textContent = "https://refeds.org/profile/mfa";
      response.appendChild(copy);
    });
    await expectPolicyRefused(post(forged), "mfa_required", "mfa_not_reported", "AuthnContextClassRef=urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
  });
});
