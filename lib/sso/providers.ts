// Creating, changing and removing SSO providers: validated against the real discovery document or
// metadata, secrets sealed, audited, and never leaving the instance without a way in.
import type { SecretBox } from "../crypto/secret-box";
import { withSignInRulesLock, type Db, type DbClient } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import type { AuditAction } from "../audit/actions";
import { arePrivateIdpAddressesAllowed, getConfiguration, updateConfiguration } from "../db/configuration";
import { hasWorkingAdminSso, takenSlugs, type ProviderKind } from "../db/sso";
import { NotFoundError, ValidationError } from "../server/errors";
import { DiscoveryProblem, fetchOidcDiscovery } from "./oidc-discovery";
import { fetchText, FetchProblem } from "./fetch-text";
import { MetadataProblem, parseIdpMetadata, type IdpMetadata } from "./saml-metadata";
import type { OidcProviderInput, SamlProviderInput } from "./schemas";
import { slugify, uniqueSlug } from "./slug";
import { generateSpKeyPair } from "./sp-keys";
import { samlUrls } from "./urls";

export interface ProviderContext {
  db: Db;
  secretBox: SecretBox;
  actor: { id: string; email: string };
  externalUrl: string;
}

const LOCKOUT_MESSAGE =
  "Password sign-in is off, and this would leave no administrator a way to sign in. Turn password sign-in on first.";

async function checkOidcDiscovery(db: Db, url: string) {
  try {
    await fetchOidcDiscovery(url, { allowPrivate: await arePrivateIdpAddressesAllowed(db) });
  } catch (error) {
    if (error instanceof DiscoveryProblem) throw new ValidationError(`Discovery URL ${error.message}`, { discoveryUrl: `The discovery URL ${error.message}.` });
    throw error;
  }
}

export async function createOidcProvider(context: ProviderContext, input: OidcProviderInput) {
  if (!input.clientSecret) throw new ValidationError("clientSecret: is required", { clientSecret: "is required" });
  await checkOidcDiscovery(context.db, input.discoveryUrl);
  const slug = uniqueSlug(slugify(input.label), await takenSlugs(context.db, "oidc"));
  const { clientSecret, ...fields } = input;
  const provider = await context.db.oidcProvider.create({
    data: { ...fields, slug, clientSecretEncrypted: context.secretBox.seal(clientSecret) },
    select: { id: true, slug: true },
  });
  await audit(context, "sso_provider.created", "oidc", provider.id, { slug, label: input.label, discoveryUrl: input.discoveryUrl, isEnabled: input.isEnabled, ...policyDetails(input) });
  return provider;
}

export async function updateOidcProvider(context: ProviderContext, id: string, input: OidcProviderInput) {
  const existing = await context.db.oidcProvider.findUnique({ where: { id }, select: { id: true, isEnabled: true, discoveryUrl: true } });
  if (!existing) throw new NotFoundError("The provider");
  // The stored secret goes wherever the discovery document says: a new URL must come with it again.
  if (input.discoveryUrl !== existing.discoveryUrl && !input.clientSecret) {
    const message = "Enter the client secret again: the discovery URL changed, and the stored secret is only sent to the provider it was given for.";
    throw new ValidationError(`clientSecret: ${message}`, { clientSecret: message });
  }
  await checkOidcDiscovery(context.db, input.discoveryUrl);
  const { clientSecret, ...fields } = input;
  await withSignInRulesLock(context.db, async (tx) => {
    if (existing.isEnabled && !input.isEnabled) await refuseLockout(tx, { kind: "oidc", id });
    await tx.oidcProvider.update({
      where: { id },
      data: { ...fields, ...(clientSecret && { clientSecretEncrypted: context.secretBox.seal(clientSecret) }) },
    });
  });
  await audit(context, "sso_provider.updated", "oidc", id, { label: input.label, discoveryUrl: input.discoveryUrl, isEnabled: input.isEnabled, secretChanged: Boolean(clientSecret), ...policyDetails(input) });
}

async function readMetadata(db: Db, input: SamlProviderInput): Promise<IdpMetadata> {
  const field = input.metadataSource === "xml" ? "idpMetadataXml" : "idpMetadataUrl";
  try {
    const xml =
      input.metadataSource === "xml"
        ? input.idpMetadataXml
        : await fetchText(input.idpMetadataUrl, "application/samlmetadata+xml, application/xml, text/xml", { allowPrivate: await arePrivateIdpAddressesAllowed(db) });
    return parseIdpMetadata(xml);
  } catch (error) {
    if (error instanceof MetadataProblem || error instanceof FetchProblem) {
      const message = `The metadata ${error.message}.`;
      throw new ValidationError(message, { [field]: message });
    }
    throw error;
  }
}

function samlFields(input: SamlProviderInput, metadata: IdpMetadata) {
  return {
    label: input.label,
    idpMetadataXml: input.metadataSource === "xml" ? input.idpMetadataXml : null,
    idpMetadataUrl: input.metadataSource === "url" ? input.idpMetadataUrl : null,
    idpEntityId: metadata.entityId,
    idpSsoUrl: metadata.ssoUrl,
    idpCertificates: metadata.certificates,
    signRequests: input.signRequests,
    requireSignedAssertions: input.requireSignedAssertions,
    requireSignedResponses: input.requireSignedResponses,
    autoCreateUsers: input.autoCreateUsers,
    isEnabled: input.isEnabled,
    emailAttribute: input.emailAttribute,
    nameAttribute: input.nameAttribute || null,
    linkByEmail: input.linkByEmail,
    requireMfa: input.requireMfa,
    mfaAuthnContexts: input.mfaAuthnContexts,
  };
}

export async function createSamlProvider(context: ProviderContext, input: SamlProviderInput) {
  const metadata = await readMetadata(context.db, input);
  const slug = uniqueSlug(slugify(input.label), await takenSlugs(context.db, "saml"));
  const spEntityId = input.spEntityId || samlUrls(context.externalUrl, slug).metadataUrl;
  const keys = await generateSpKeyPair(`WireGUI SAML SP ${slug}`);
  const provider = await context.db.samlProvider.create({
    data: { ...samlFields(input, metadata), slug, spEntityId, spCertificate: keys.certificate, spPrivateKeyEncrypted: context.secretBox.seal(keys.privateKey) },
    select: { id: true, slug: true },
  });
  await audit(context, "sso_provider.created", "saml", provider.id, { slug, label: input.label, idpEntityId: metadata.entityId, isEnabled: input.isEnabled, ...policyDetails(input) });
  return provider;
}

export async function updateSamlProvider(context: ProviderContext, id: string, input: SamlProviderInput) {
  const existing = await context.db.samlProvider.findUnique({ where: { id }, select: { id: true, slug: true, isEnabled: true } });
  if (!existing) throw new NotFoundError("The provider");
  const metadata = await readMetadata(context.db, input);
  const spEntityId = input.spEntityId || samlUrls(context.externalUrl, existing.slug).metadataUrl;
  await withSignInRulesLock(context.db, async (tx) => {
    if (existing.isEnabled && !input.isEnabled) await refuseLockout(tx, { kind: "saml", id });
    await tx.samlProvider.update({ where: { id }, data: { ...samlFields(input, metadata), spEntityId } });
  });
  await audit(context, "sso_provider.updated", "saml", id, { label: input.label, idpEntityId: metadata.entityId, isEnabled: input.isEnabled, ...policyDetails(input) });
}

export async function deleteProvider(context: ProviderContext, kind: ProviderKind, id: string) {
  const deleted = await withSignInRulesLock(context.db, async (tx) => {
    await refuseLockout(tx, { kind, id });
    return kind === "oidc" ? tx.oidcProvider.deleteMany({ where: { id } }) : tx.samlProvider.deleteMany({ where: { id } });
  });
  if (!deleted.count) throw new NotFoundError("The provider");
  await audit(context, "sso_provider.deleted", kind, id, {});
}

/** Turning password sign-in off needs an administrator who can sign in through SSO. */
export async function setLocalAuthEnabled(context: ProviderContext, enabled: boolean) {
  await withSignInRulesLock(context.db, async (tx) => {
    if (!enabled && !(await hasWorkingAdminSso(tx))) {
      const message =
        "Password sign-in stays on until an administrator has signed in through an enabled SSO provider: otherwise nobody could sign in.";
      throw new ValidationError(message, { isLocalAuthEnabled: message });
    }
    await updateConfiguration(tx, { isLocalAuthEnabled: enabled });
  });
  await recordAuditEvent(context.db, { actor: context.actor, action: "settings.local_auth_changed", targetType: "configuration", details: { isLocalAuthEnabled: enabled } });
}

async function refuseLockout(db: DbClient, change: { kind: ProviderKind; id: string }) {
  const configuration = await getConfiguration(db);
  if (configuration && !configuration.isLocalAuthEnabled && !(await hasWorkingAdminSso(db, change))) {
    throw new ValidationError(LOCKOUT_MESSAGE, { isEnabled: LOCKOUT_MESSAGE });
  }
}

/** The security switches, so the audit log shows who turned linking by email on or MFA off. */
function policyDetails(input: { linkByEmail: boolean; requireMfa: boolean }) {
  return { linkByEmail: input.linkByEmail, requireMfa: input.requireMfa };
}

function audit(context: ProviderContext, action: Extract<AuditAction, `sso_provider.${string}`>, kind: ProviderKind, id: string, details: Record<string, string | boolean | null>) {
  return recordAuditEvent(context.db, { actor: context.actor, action, targetType: `${kind}_provider`, targetId: id, details });
}
