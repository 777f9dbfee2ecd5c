import { createPrivateKey, X509Certificate } from "node:crypto";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { SecretBox } from "../crypto/secret-box";
import { createConfiguration, getConfiguration } from "../db/configuration";
import { createUser, type UserPrincipal } from "../db/users";
import { AppError, NotFoundError, ValidationError } from "../server/errors";
import { createOidcProvider, createSamlProvider, deleteProvider, setLocalAuthEnabled, updateOidcProvider, updateSamlProvider, type ProviderContext } from "./providers";
import { oidcProviderSchema, samlProviderSchema } from "./schemas";

const EXTERNAL_URL = "http://wiregui.test";
const YEAR_MS = 365 * 24 * 3600 * 1000;
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const secretBox = new SecretBox("providers-integration-test-secret-0123456789");

/** A loopback HTTP server on a free port; `close` also ends requests it left hanging. */
async function startServer(handler: RequestListener): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback address nothing listens on: a port that was just free. */
async function unusedOrigin(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.origin;
}

async function certificate(notBeforeDate: Date, notAfterDate: Date): Promise<string> {
  const pems = await generate([{ name: "commonName", value: "idp" }], { keySize: 2048, algorithm: "sha256", notBeforeDate, notAfterDate });
  return pems.cert;
}

const base64Of = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");

interface MetadataOptions {
  certificates?: string[];
  bindings?: string[];
  entityId?: string;
  descriptor?: "IDPSSODescriptor" | "SPSSODescriptor";
  doctype?: string;
}

function idpMetadata({ certificates = [validCertificate], bindings = [POST_BINDING, REDIRECT_BINDING], entityId = "https://idp.test/metadata", descriptor = "IDPSSODescriptor", doctype = "" }: MetadataOptions = {}) {
  const keys = certificates
    .map((pem) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${base64Of(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join("");
  const services = bindings.map((binding) => `<md:SingleSignOnService Binding="${binding}" Location="https://idp.test/sso/${binding === REDIRECT_BINDING ? "redirect" : "post"}"/>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>${doctype}
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:${descriptor} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}${services}</md:${descriptor}>
</md:EntityDescriptor>`;
}

let validCertificate: string;
let expiredCertificate: string;
let idp: Awaited<ReturnType<typeof startServer>>;

function discoveryDocument(origin: string, leaveOut?: string) {
  const document: Record<string, unknown> = {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    jwks_uri: `${origin}/jwks`,
    response_types_supported: ["code"],
  };
  if (leaveOut) delete document[leaveOut];
  return JSON.stringify(document);
}

beforeAll(async () => {
  const now = Date.now();
  [validCertificate, expiredCertificate] = await Promise.all([
    certificate(new Date(now - YEAR_MS), new Date(now + YEAR_MS)),
    certificate(new Date(now - 2 * YEAR_MS), new Date(now - YEAR_MS)),
  ]);
  idp = await startServer((request, response) => {
    const origin = `http://${request.headers.host}`;
    switch (request.url) {
      case "/.well-known/openid-configuration":
        response.writeHead(200, { "content-type": "application/json" }).end(discoveryDocument(origin));
        return;
      case "/no-jwks/.well-known/openid-configuration":
        response.writeHead(200, { "content-type": "application/json" }).end(discoveryDocument(origin, "jwks_uri"));
        return;
      case "/html":
        response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Sign in</title>");
        return;
      case "/corrupt":
        // The headers arrive fine; reading the body fails (it is not the gzip it claims to be).
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end("not gzip at all");
        return;
      case "/saml/metadata":
        response.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(idpMetadata());
        return;
      case "/saml/sp-metadata":
        response.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(idpMetadata({ descriptor: "SPSSODescriptor" }));
        return;
      case "/silent":
        return; // never answers
      case "/redirect/once":
        response.writeHead(302, { location: "/.well-known/openid-configuration" }).end();
        return;
      case "/redirect/loop":
        response.writeHead(307, { location: "/redirect/loop" }).end();
        return;
      case "/redirect/this-network":
        // A second hop to an address that is never a server: each hop is checked again.
        response.writeHead(302, { location: `http://0.0.0.0:${request.socket.localPort}/.well-known/openid-configuration` }).end();
        return;
      case "/huge-chunked": {
        // Over 1 MiB without a Content-Length: the cap must hold while it streams.
        response.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(64 * 1024, 32);
        let sent = 0;
        const pump = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once("drain", pump);
          }
          response.end();
        };
        pump();
        return;
      }
      default:
        response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
});
afterAll(() => idp.close());

let database: TestDatabase;
let context: ProviderContext;
let admin: UserPrincipal;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  // The test IdP is on loopback: the setting that allows it is on, except where a test turns it off.
  await createConfiguration(database.db, { allowPrivateIdpAddresses: true });
  admin = await createUser(database.db, { email: "admin@example.com", passwordHash: "hash", role: "admin" });
  context = { db: database.db, secretBox, actor: { id: admin.id, email: admin.email }, externalUrl: EXTERNAL_URL };
});
afterEach(() => database.drop());

const discoveryUrl = () => `${idp.origin}/.well-known/openid-configuration`;

function oidcInput(overrides: Partial<Record<string, unknown>> = {}) {
  return oidcProviderSchema.parse({
    label: "Corp SSO",
    clientId: "wiregui",
    clientSecret: "s3cret-client-value",
    discoveryUrl: discoveryUrl(),
    scopes: "openid email profile",
    autoCreateUsers: false,
    isEnabled: true,
    ...overrides,
  });
}

function samlInput(overrides: Partial<Record<string, unknown>> = {}) {
  return samlProviderSchema.parse({
    label: "Corp SAML",
    metadataSource: "xml",
    idpMetadataXml: idpMetadata(),
    idpMetadataUrl: "",
    spEntityId: "",
    signRequests: true,
    requireSignedAssertions: true,
    requireSignedResponses: true,
    autoCreateUsers: false,
    isEnabled: true,
    emailAttribute: "email",
    nameAttribute: "displayName",
    ...overrides,
  });
}

/** The rejection of `attempt`, which must be a ValidationError. */
async function validationErrorOf(attempt: Promise<unknown>): Promise<ValidationError> {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const json = (value: unknown) => JSON.stringify(value, (_key, field: unknown) => (typeof field === "bigint" ? field.toString() : field));

async function expectNothingSaved() {
  expect(await database.db.oidcProvider.count()).toBe(0);
  expect(await database.db.samlProvider.count()).toBe(0);
  expect(await database.db.auditEvent.count()).toBe(0);
}

describe("createOidcProvider", () => {
  it("checks the real discovery document, seals the client secret and audits without it", async () => {
    const { id, slug } = await createOidcProvider(context, oidcInput());

    expect(slug).toBe("corp-sso");
    const row = await database.db.oidcProvider.findUniqueOrThrow({ where: { id }, omit: { clientSecretEncrypted: false } });
    expect(row).toMatchObject({ label: "Corp SSO", clientId: "wiregui", discoveryUrl: discoveryUrl(), scopes: "openid email profile", isEnabled: true, autoCreateUsers: false });
    expect(row.clientSecretEncrypted).not.toContain("s3cret-client-value");
    expect(secretBox.open(row.clientSecretEncrypted)).toBe("s3cret-client-value");
    // The default client leaves the sealed secret out.
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).not.toHaveProperty("clientSecretEncrypted");

    const audits = await database.db.auditEvent.findMany();
    expect(audits).toEqual([expect.objectContaining({ action: "sso_provider.created", actorUserId: admin.id, actorEmail: admin.email, targetType: "oidc_provider", targetId: id })]);
    expect(audits[0]!.details).toMatchObject({ slug: "corp-sso", label: "Corp SSO", discoveryUrl: discoveryUrl() });
    expect(json(audits)).not.toContain("s3cret-client-value");
    expect(json(audits)).not.toContain(row.clientSecretEncrypted);
  });

  it("derives a unique slug from the label", async () => {
    const first = await createOidcProvider(context, oidcInput());
    const second = await createOidcProvider(context, oidcInput());
    const third = await createOidcProvider(context, oidcInput({ label: "  Ünïcode & Co.  " }));
    expect([first.slug, second.slug, third.slug]).toEqual(["corp-sso", "corp-sso-2", "unicode-co"]);
  });

  it.each([
    { problem: "unreachable", url: async () => `${await unusedOrigin()}/.well-known/openid-configuration`, message: /^The discovery URL could not be fetched: check the address and that the server can reach it \(the server log has the details\)\.$/ },
    { problem: "answering 404", url: async () => `${idp.origin}/nowhere/.well-known/openid-configuration`, message: /^The discovery URL answered HTTP 404, expected 200\.$/ },
    { problem: "answering HTML", url: async () => `${idp.origin}/html`, message: /^The discovery URL is not a discovery document: the answer is not JSON\.$/ },
    { problem: "without jwks_uri", url: async () => `${idp.origin}/no-jwks/.well-known/openid-configuration`, message: /"jwks_uri" is missing or not a URL/ },
    { problem: "with a body that cannot be read", url: async () => `${idp.origin}/corrupt`, message: /^The discovery URL could not be/ },
  ])("refuses a discovery URL $problem on the discoveryUrl field and saves nothing", async ({ url, message }) => {
    const error = await validationErrorOf(createOidcProvider(context, oidcInput({ discoveryUrl: await url() })));
    expect(error.fieldErrors?.discoveryUrl).toMatch(message);
    await expectNothingSaved();
  });

  it("gives up on a discovery URL that does not answer within 5 s and saves nothing", async () => {
    const started = Date.now();
    const error = await validationErrorOf(createOidcProvider(context, oidcInput({ discoveryUrl: `${idp.origin}/silent` })));
    // The same words as a refused connection: the form must not tell open, closed and filtered ports apart.
    expect(error.fieldErrors?.discoveryUrl).toBe("The discovery URL could not be fetched: check the address and that the server can reach it (the server log has the details).");
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    await expectNothingSaved();
  });

  it("requires a client secret", async () => {
    const error = await validationErrorOf(createOidcProvider(context, oidcInput({ clientSecret: "" })));
    expect(error.fieldErrors).toEqual({ clientSecret: "is required" });
    await expectNothingSaved();
  });
});

describe("the provider network guard", () => {
  const refusedLoopback = (field: string) =>
    new RegExp(`^The ${field} leads to 127\\.0\\.0\\.1, loopback \\(127\\.0\\.0\\.0/8\\), which is refused unless "Allow identity providers on private networks" is on \\(Settings → Authentication\\)\\.$`);

  it("refuses an OIDC provider on loopback while private networks are not allowed, and saves nothing", async () => {
    await database.db.configuration.update({ where: { id: 1 }, data: { allowPrivateIdpAddresses: false } });
    const error = await validationErrorOf(createOidcProvider(context, oidcInput()));
    expect(error.fieldErrors?.discoveryUrl).toMatch(refusedLoopback("discovery URL"));
    await expectNothingSaved();
  });

  it("checks the resolved addresses of a host name, not only literal addresses", async () => {
    await database.db.configuration.update({ where: { id: 1 }, data: { allowPrivateIdpAddresses: false } });
    const port = new URL(idp.origin).port;
    const error = await validationErrorOf(createOidcProvider(context, oidcInput({ discoveryUrl: `http://localhost:${port}/.well-known/openid-configuration` })));
    expect(error.fieldErrors?.discoveryUrl).toMatch(/^The discovery URL leads to (127\.0\.0\.1|::1), loopback/);
    await expectNothingSaved();
  });

  it("refuses SAML metadata on loopback while private networks are not allowed, and saves nothing", async () => {
    await database.db.configuration.update({ where: { id: 1 }, data: { allowPrivateIdpAddresses: false } });
    const error = await validationErrorOf(createSamlProvider(context, samlInput({ metadataSource: "url", idpMetadataUrl: `${idp.origin}/saml/metadata`, idpMetadataXml: "" })));
    expect(error.fieldErrors?.idpMetadataUrl).toMatch(refusedLoopback("metadata"));
    await expectNothingSaved();
  });

  it("follows a redirect by hand", async () => {
    const { id } = await createOidcProvider(context, oidcInput({ discoveryUrl: `${idp.origin}/redirect/once` }));
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ discoveryUrl: `${idp.origin}/redirect/once` });
  });

  it("gives up after 3 redirects", async () => {
    const error = await validationErrorOf(createOidcProvider(context, oidcInput({ discoveryUrl: `${idp.origin}/redirect/loop` })));
    expect(error.fieldErrors?.discoveryUrl).toBe("The discovery URL could not be fetched: more than 3 redirects.");
    await expectNothingSaved();
  });

  it("checks every redirect hop again: 0.0.0.0 is refused even with private networks allowed", async () => {
    const error = await validationErrorOf(createOidcProvider(context, oidcInput({ discoveryUrl: `${idp.origin}/redirect/this-network` })));
    expect(error.fieldErrors?.discoveryUrl).toMatch(/^The discovery URL leads to 0\.0\.0\.0, this network \(0\.0\.0\.0\/8\), which is refused/);
    await expectNothingSaved();
  });

  it("stops reading an answer without a Content-Length once it passes 1 MiB", async () => {
    const error = await validationErrorOf(createOidcProvider(context, oidcInput({ discoveryUrl: `${idp.origin}/huge-chunked` })));
    expect(error.fieldErrors?.discoveryUrl).toBe("The discovery URL answered with more than 1 MiB.");
    await expectNothingSaved();
  });
});

describe("updateOidcProvider", () => {
  const sealedSecret = async (id: string) =>
    secretBox.open((await database.db.oidcProvider.findUniqueOrThrow({ where: { id }, omit: { clientSecretEncrypted: false } })).clientSecretEncrypted);

  it("keeps the stored secret when the form leaves it empty", async () => {
    const { id } = await createOidcProvider(context, oidcInput());
    await updateOidcProvider(context, id, oidcInput({ label: "Renamed", clientSecret: "" }));
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ label: "Renamed", slug: "corp-sso" });
    expect(await sealedSecret(id)).toBe("s3cret-client-value");
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "sso_provider.updated" } });
    expect(audit).toMatchObject({ targetId: id, details: expect.objectContaining({ secretChanged: false }) as unknown });
  });

  it("replaces the secret with a new one and does not log it", async () => {
    const { id } = await createOidcProvider(context, oidcInput());
    await updateOidcProvider(context, id, oidcInput({ clientSecret: "rotated-secret-value" }));
    expect(await sealedSecret(id)).toBe("rotated-secret-value");
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "sso_provider.updated" } });
    expect(audit.details).toMatchObject({ secretChanged: true });
    expect(json(audit)).not.toContain("rotated-secret-value");
  });

  it("needs the client secret again when the discovery URL changes, and changes nothing without it", async () => {
    const { id } = await createOidcProvider(context, oidcInput());
    const moved = `${idp.origin}/redirect/once`;
    const error = await validationErrorOf(updateOidcProvider(context, id, oidcInput({ label: "Moved", discoveryUrl: moved, clientSecret: "" })));
    expect(error.fieldErrors).toEqual({
      clientSecret: "Enter the client secret again: the discovery URL changed, and the stored secret is only sent to the provider it was given for.",
    });
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ label: "Corp SSO", discoveryUrl: discoveryUrl() });
    expect(await database.db.auditEvent.count({ where: { action: "sso_provider.updated" } })).toBe(0);

    await updateOidcProvider(context, id, oidcInput({ label: "Moved", discoveryUrl: moved, clientSecret: "secret-for-the-new-url" }));
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ label: "Moved", discoveryUrl: moved });
    expect(await sealedSecret(id)).toBe("secret-for-the-new-url");
  });

  it("refuses a broken discovery URL and leaves the provider as it was", async () => {
    const { id } = await createOidcProvider(context, oidcInput());
    const error = await validationErrorOf(updateOidcProvider(context, id, oidcInput({ label: "Broken", discoveryUrl: `${idp.origin}/html` })));
    expect(error.fieldErrors?.discoveryUrl).toMatch(/not JSON/);
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ label: "Corp SSO", discoveryUrl: discoveryUrl() });
  });

  it("says an unknown provider was not found", async () => {
    await expect(updateOidcProvider(context, "00000000-0000-4000-8000-000000000000", oidcInput())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("createSamlProvider", () => {
  async function expectSavedFromMetadata(id: string, slug: string) {
    const row = await database.db.samlProvider.findUniqueOrThrow({ where: { id }, omit: { spPrivateKeyEncrypted: false } });
    expect(row).toMatchObject({
      slug,
      idpEntityId: "https://idp.test/metadata",
      idpSsoUrl: "https://idp.test/sso/redirect",
      spEntityId: `${EXTERNAL_URL}/api/auth/saml/${slug}/metadata`,
      emailAttribute: "email",
      nameAttribute: "displayName",
    });
    expect(row.idpCertificates).toHaveLength(1);
    expect(row.idpCertificates[0]).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(new X509Certificate(row.idpCertificates[0]!).fingerprint256).toBe(new X509Certificate(validCertificate).fingerprint256);

    const spCertificate = new X509Certificate(row.spCertificate!);
    expect(row.spPrivateKeyEncrypted).not.toContain("PRIVATE KEY");
    const privateKey = secretBox.open(row.spPrivateKeyEncrypted!);
    expect(privateKey).toMatch(/^-----BEGIN (RSA )?PRIVATE KEY-----/);
    expect(spCertificate.checkPrivateKey(createPrivateKey(privateKey))).toBe(true);
    expect(spCertificate.subject).toContain(`WireGUI SAML SP ${slug}`);
    expect(new Date(spCertificate.validTo).getTime()).toBeGreaterThan(Date.now() + 5 * YEAR_MS);
    return row;
  }

  it("reads pasted metadata, generates the SP key pair and defaults the SP entity id", async () => {
    const { id, slug } = await createSamlProvider(context, samlInput());
    expect(slug).toBe("corp-saml");
    const row = await expectSavedFromMetadata(id, slug);
    expect(row).toMatchObject({ idpMetadataXml: idpMetadata(), idpMetadataUrl: null });
    const audits = await database.db.auditEvent.findMany();
    expect(audits).toEqual([expect.objectContaining({ action: "sso_provider.created", targetType: "saml_provider", targetId: id })]);
    expect(json(audits)).not.toContain("PRIVATE KEY");
    expect(json(audits)).not.toContain(row.spPrivateKeyEncrypted);
  });

  it("reads the metadata from a URL", async () => {
    const url = `${idp.origin}/saml/metadata`;
    const { id, slug } = await createSamlProvider(context, samlInput({ metadataSource: "url", idpMetadataUrl: url, idpMetadataXml: "" }));
    const row = await expectSavedFromMetadata(id, slug);
    expect(row).toMatchObject({ idpMetadataXml: null, idpMetadataUrl: url });
  });

  it("keeps an SP entity id the administrator chose", async () => {
    const { id } = await createSamlProvider(context, samlInput({ spEntityId: "urn:wiregui:sp" }));
    expect(await database.db.samlProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ spEntityId: "urn:wiregui:sp" });
  });

  it.each([
    { problem: "garbage", xml: () => "this is not <xml", message: "The metadata is not valid XML." },
    { problem: "SP metadata (no IDPSSODescriptor)", xml: () => idpMetadata({ descriptor: "SPSSODescriptor" }), message: "The metadata is not SAML IdP metadata: no IDPSSODescriptor found." },
    { problem: "no HTTP-Redirect SSO service", xml: () => idpMetadata({ bindings: [POST_BINDING] }), message: /HTTP-Redirect binding/ },
    { problem: "no certificate", xml: () => idpMetadata({ certificates: [] }), message: /has no signing certificate/ },
    { problem: "only an expired certificate", xml: () => idpMetadata({ certificates: [expiredCertificate] }), message: /has only expired signing certificates \(the newest expired \d{4}-\d\d-\d\d\)/ },
    { problem: "no entityID (the Issuer check would be skipped)", xml: () => idpMetadata().replace(' entityID="https://idp.test/metadata"', ""), message: "The metadata has no entityID on the EntityDescriptor of its IDPSSODescriptor." },
    { problem: "an empty entityID", xml: () => idpMetadata({ entityId: "" }), message: "The metadata has no entityID on the EntityDescriptor of its IDPSSODescriptor." },
    { problem: "a DOCTYPE", xml: () => idpMetadata({ doctype: '<!DOCTYPE md:EntityDescriptor [<!ENTITY idp "https://idp.test/metadata">]>' }), message: "The metadata must not contain a DOCTYPE." },
  ])("refuses pasted metadata with $problem on idpMetadataXml and saves nothing", async ({ xml, message }) => {
    const error = await validationErrorOf(createSamlProvider(context, samlInput({ idpMetadataXml: xml() })));
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["idpMetadataXml"]);
    expect(error.fieldErrors?.idpMetadataXml).toMatch(message);
    await expectNothingSaved();
  });

  it.each([
    { problem: "answering 404", path: "/saml/nowhere", message: "The metadata answered HTTP 404, expected 200." },
    { problem: "serving SP metadata", path: "/saml/sp-metadata", message: "The metadata is not SAML IdP metadata: no IDPSSODescriptor found." },
  ])("refuses a metadata URL $problem on idpMetadataUrl and saves nothing", async ({ path, message }) => {
    const error = await validationErrorOf(createSamlProvider(context, samlInput({ metadataSource: "url", idpMetadataUrl: `${idp.origin}${path}`, idpMetadataXml: "" })));
    expect(error.fieldErrors).toEqual({ idpMetadataUrl: message });
    await expectNothingSaved();
  });

  it("refuses an unreachable metadata URL on idpMetadataUrl and saves nothing", async () => {
    const error = await validationErrorOf(createSamlProvider(context, samlInput({ metadataSource: "url", idpMetadataUrl: `${await unusedOrigin()}/metadata`, idpMetadataXml: "" })));
    expect(error.fieldErrors?.idpMetadataUrl).toBe("The metadata could not be fetched: check the address and that the server can reach it (the server log has the details).");
    await expectNothingSaved();
  });
});

describe("sign-in policy of a provider", () => {
  it("stores linking by email and MFA off by default", async () => {
    const oidc = await createOidcProvider(context, oidcInput());
    const saml = await createSamlProvider(context, samlInput());
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id: oidc.id } })).toMatchObject({ linkByEmail: false, requireMfa: false, mfaAmrValues: [], mfaAcrValues: [] });
    expect(await database.db.samlProvider.findUniqueOrThrow({ where: { id: saml.id } })).toMatchObject({ linkByEmail: false, requireMfa: false, mfaAuthnContexts: [] });
  });

  it("stores the switches and the MFA values, and audits who changed the switches", async () => {
    const { id } = await createOidcProvider(context, oidcInput({ linkByEmail: true, requireMfa: true, mfaAmrValues: "mfa\notp, otp", mfaAcrValues: "" }));
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ linkByEmail: true, requireMfa: true, mfaAmrValues: ["mfa", "otp"], mfaAcrValues: [] });
    await updateOidcProvider(context, id, oidcInput({ linkByEmail: false, requireMfa: false, clientSecret: "" }));
    const saml = await createSamlProvider(context, samlInput({ requireMfa: true, mfaAuthnContexts: "https://refeds.org/profile/mfa" }));
    expect(await database.db.samlProvider.findUniqueOrThrow({ where: { id: saml.id } })).toMatchObject({ requireMfa: true, mfaAuthnContexts: ["https://refeds.org/profile/mfa"] });

    const details = (await database.db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((event) => [event.action, event.details]);
    expect(details).toEqual([
      ["sso_provider.created", expect.objectContaining({ linkByEmail: true, requireMfa: true })],
      ["sso_provider.updated", expect.objectContaining({ linkByEmail: false, requireMfa: false })],
      ["sso_provider.created", expect.objectContaining({ linkByEmail: false, requireMfa: true })],
    ]);
  });
});

describe("updateSamlProvider", () => {
  it("re-reads the metadata but keeps the slug-based SP entity id and the SP key pair", async () => {
    const { id } = await createSamlProvider(context, samlInput());
    const before = await database.db.samlProvider.findUniqueOrThrow({ where: { id }, omit: { spPrivateKeyEncrypted: false } });
    await updateSamlProvider(context, id, samlInput({ label: "Renamed", idpMetadataXml: idpMetadata({ entityId: "https://idp.test/new" }) }));
    const after = await database.db.samlProvider.findUniqueOrThrow({ where: { id }, omit: { spPrivateKeyEncrypted: false } });
    expect(after).toMatchObject({ label: "Renamed", slug: "corp-saml", idpEntityId: "https://idp.test/new", spEntityId: `${EXTERNAL_URL}/api/auth/saml/corp-saml/metadata` });
    expect(after.spCertificate).toBe(before.spCertificate);
    expect(after.spPrivateKeyEncrypted).toBe(before.spPrivateKeyEncrypted);
  });
});

describe("password sign-in and the lockout guard", () => {
  async function connect(userId: string, provider: { id: string; slug: string }, subject = `subject-${userId}`) {
    return database.db.ssoConnection.create({
      data: { userId, subject, providerKind: "oidc", providerSlug: provider.slug, providerLabel: "Corp SSO", oidcProviderId: provider.id },
    });
  }

  async function expectLocalAuthStaysOn() {
    const error = await validationErrorOf(setLocalAuthEnabled(context, false));
    expect(error.fieldErrors?.isLocalAuthEnabled).toMatch(/^Password sign-in stays on until an administrator has signed in through an enabled SSO provider/);
    expect((await getConfiguration(database.db))?.isLocalAuthEnabled).toBe(true);
    expect(await database.db.auditEvent.count({ where: { action: "settings.local_auth_changed" } })).toBe(0);
  }

  /** An enabled admin connected to an enabled provider, and password sign-in turned off. */
  async function turnOffLocalAuth() {
    const provider = await createOidcProvider(context, oidcInput());
    await connect(admin.id, provider);
    await setLocalAuthEnabled(context, false);
    return provider;
  }

  it("keeps password sign-in on while there is no provider", async () => {
    await expectLocalAuthStaysOn();
  });

  it("keeps password sign-in on while only a non-admin is connected", async () => {
    const user = await createUser(database.db, { email: "user@example.com", passwordHash: null, role: "unprivileged" });
    await connect(user.id, await createOidcProvider(context, oidcInput()));
    await expectLocalAuthStaysOn();
  });

  it("keeps password sign-in on while the admin's provider is disabled", async () => {
    await connect(admin.id, await createOidcProvider(context, oidcInput({ isEnabled: false })));
    await expectLocalAuthStaysOn();
  });

  it("keeps password sign-in on while the admin's connection is disconnected or the admin disabled", async () => {
    const provider = await createOidcProvider(context, oidcInput());
    const connection = await connect(admin.id, provider);
    await database.db.ssoConnection.update({ where: { id: connection.id }, data: { status: "revoked" } });
    await expectLocalAuthStaysOn();

    await database.db.ssoConnection.update({ where: { id: connection.id }, data: { status: "active" } });
    await database.db.user.update({ where: { id: admin.id }, data: { isDisabled: true } });
    await expectLocalAuthStaysOn();
  });

  it("turns password sign-in off once an enabled admin is connected to an enabled provider", async () => {
    await turnOffLocalAuth();
    expect((await getConfiguration(database.db))?.isLocalAuthEnabled).toBe(false);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "settings.local_auth_changed" } });
    expect(audit).toMatchObject({ actorUserId: admin.id, details: { isLocalAuthEnabled: false } });
  });

  it("with password sign-in off, refuses to disable or delete the admin's only provider and leaves it unchanged", async () => {
    const { id } = await turnOffLocalAuth();

    const disabling = await validationErrorOf(updateOidcProvider(context, id, oidcInput({ label: "Disabled", isEnabled: false })));
    expect(disabling.fieldErrors?.isEnabled).toMatch(/^Password sign-in is off, and this would leave no administrator a way to sign in/);
    const deleting = await validationErrorOf(deleteProvider(context, "oidc", id));
    expect(deleting.message).toMatch(/^Password sign-in is off/);

    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ label: "Corp SSO", isEnabled: true });
    expect(await database.db.ssoConnection.findFirstOrThrow({ where: { userId: admin.id } })).toMatchObject({ oidcProviderId: id, status: "active" });
    expect(await database.db.auditEvent.count({ where: { action: { in: ["sso_provider.updated", "sso_provider.deleted"] } } })).toBe(0);
  });

  it("with password sign-in off, allows disabling a provider while the admin can still use another", async () => {
    const { id } = await turnOffLocalAuth();
    const other = await createOidcProvider(context, oidcInput({ label: "Backup SSO" }));
    await connect(admin.id, other, "admin-at-backup");
    await updateOidcProvider(context, id, oidcInput({ isEnabled: false }));
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ isEnabled: false });
  });

  it("with password sign-in on, disables and then deletes the provider", async () => {
    const { id } = await createOidcProvider(context, oidcInput());
    await connect(admin.id, { id, slug: "corp-sso" });
    await updateOidcProvider(context, id, oidcInput({ isEnabled: false }));
    expect(await database.db.oidcProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({ isEnabled: false });
    await deleteProvider(context, "oidc", id);
    expect(await database.db.oidcProvider.count()).toBe(0);
    expect(await database.db.auditEvent.findFirstOrThrow({ where: { action: "sso_provider.deleted" } })).toMatchObject({ targetType: "oidc_provider", targetId: id });
  });
});

describe("deleteProvider", () => {
  it("keeps the provider's connections, with the provider id cleared and its name kept", async () => {
    const { id, slug } = await createOidcProvider(context, oidcInput());
    await database.db.ssoConnection.create({ data: { userId: admin.id, subject: "admin-1", providerKind: "oidc", providerSlug: slug, providerLabel: "Corp SSO", oidcProviderId: id } });
    await deleteProvider(context, "oidc", id);
    expect(await database.db.ssoConnection.findMany()).toEqual([
      expect.objectContaining({ userId: admin.id, subject: "admin-1", oidcProviderId: null, providerKind: "oidc", providerSlug: "corp-sso", providerLabel: "Corp SSO", status: "active" }),
    ]);
  });

  it("deletes a SAML provider and says a missing one was not found", async () => {
    const { id } = await createSamlProvider(context, samlInput());
    await deleteProvider(context, "saml", id);
    expect(await database.db.samlProvider.count()).toBe(0);
    const error = await deleteProvider(context, "saml", id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as AppError).message).toBe("The provider was not found.");
  });
});
