// First-run setup, safe to repeat: creates what is missing, reports what already exists, and
// changes an existing value only when the operator asked for it and it is safe to change.
import { hashPassword, generatePassword } from "../auth/password";
import type { SecretBox } from "../crypto/secret-box";
import type { Db } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { createConfiguration, getConfiguration, updateConfiguration } from "../db/configuration";
import { createUser, findFirstAdmin, findUserByEmail } from "../db/users";
import { generateKeyPair } from "../wireguard/keys";
import { resealSecrets } from "./reseal-secrets";

export interface SetupSettings {
  ipv4Network: string;
  ipv6Network: string;
  listenPort: number;
  endpoint: string;
}

export interface SetupInput {
  /** Null when an admin already exists and none was asked for. */
  admin: { email: string; password: string | null } | null;
  settings: SetupSettings;
  /** Settings the operator gave explicitly (flag or variable); only these may change an existing install. */
  explicit: ReadonlySet<keyof SetupSettings>;
}

export interface SetupReport {
  lines: string[];
  generatedPassword: string | null;
}

export class SetupError extends Error {
  override name = "SetupError";
}

export async function applySetup(db: Db, secretBox: SecretBox, input: SetupInput): Promise<SetupReport> {
  const lines: string[] = [];
  // Decide about the admin first: a refused admin must not leave a half-done install behind.
  const createAdmin = await planAdmin(db, input, lines);
  await ensureConfiguration(db, secretBox, input, lines);
  const resealed = await resealSecrets(db, secretBox);
  if (resealed.resealed > 0) lines.push(`Re-encrypted ${resealed.resealed} stored secret(s) with the encryption key (key id ${secretBox.keyId}).`);
  for (const { table, id, reason } of resealed.unreadable) lines.push(`A secret in ${table} (${id}) cannot be read, left as it is: ${reason}`);
  const generatedPassword = createAdmin ? await createAdmin() : null;
  return { lines, generatedPassword };
}

async function ensureConfiguration(db: Db, secretBox: SecretBox, input: SetupInput, lines: string[]) {
  const { settings, explicit } = input;
  const existing = await getConfiguration(db);
  if (!existing) {
    const keys = generateKeyPair();
    await createConfiguration(db, {
      ipv4Network: settings.ipv4Network,
      ipv6Network: settings.ipv6Network,
      listenPort: settings.listenPort,
      defaultClientEndpoint: settings.endpoint,
      serverPublicKey: keys.publicKey,
      serverPrivateKeyEncrypted: secretBox.seal(keys.privateKey),
      setupCompletedAt: new Date(),
    });
    lines.push(`Created the server WireGuard keypair (public key ${keys.publicKey}).`);
    lines.push(`Tunnel networks: ${settings.ipv4Network} and ${settings.ipv6Network}; listen port ${settings.listenPort}.`);
    lines.push(`Client endpoint: ${settings.endpoint}.`);
    await recordAuditEvent(db, { actor: null, action: "setup.configuration_created", details: { ...settings } });
    return;
  }

  const changes: Record<string, string | number> = {};
  if (existing.serverPublicKey) {
    lines.push(`Server keypair already exists (public key ${existing.serverPublicKey}): kept.`);
  } else {
    const keys = generateKeyPair();
    Object.assign(changes, { serverPublicKey: keys.publicKey, serverPrivateKeyEncrypted: secretBox.seal(keys.privateKey) });
    lines.push(`Created the server WireGuard keypair (public key ${keys.publicKey}).`);
  }

  const deviceCount = await db.device.count();
  for (const [field, current] of [["ipv4Network", existing.ipv4Network], ["ipv6Network", existing.ipv6Network]] as const) {
    const wanted = settings[field];
    if (!explicit.has(field) || wanted === current) {
      lines.push(`${label(field)} already set to ${current}: kept.`);
    } else if (deviceCount > 0) {
      lines.push(`${label(field)} kept at ${current}: ${deviceCount} device(s) have addresses in it, so it was not changed to ${wanted}.`);
    } else {
      changes[field] = wanted;
      lines.push(`${label(field)} changed from ${current} to ${wanted}.`);
    }
  }
  const simpleSettings = [["listenPort", existing.listenPort], ["endpoint", existing.defaultClientEndpoint]] as const;
  for (const [field, current] of simpleSettings) {
    const wanted = settings[field];
    if (explicit.has(field) && wanted !== current) {
      changes[field === "endpoint" ? "defaultClientEndpoint" : field] = wanted;
      lines.push(`${label(field)} changed from ${current ?? "(none)"} to ${wanted}.`);
    } else {
      lines.push(`${label(field)} already set to ${current ?? "(none)"}: kept.`);
    }
  }
  if (Object.keys(changes).length > 0) {
    await updateConfiguration(db, changes);
    const { serverPrivateKeyEncrypted: _secret, ...auditable } = changes;
    await recordAuditEvent(db, { actor: null, action: "setup.configuration_updated", details: auditable });
  }
}

/** Returns the step that creates the first admin, or null when an admin already exists. */
async function planAdmin(db: Db, input: SetupInput, lines: string[]): Promise<(() => Promise<string | null>) | null> {
  const admin = await findFirstAdmin(db);
  if (admin) {
    const asked = input.admin?.email;
    lines.push(
      asked && asked !== admin.email
        ? `An admin already exists (${admin.email}); ${asked} was not created. Add more users from the web app.`
        : `Admin user ${admin.email} already exists: not changed (use reset-admin-password to set a new password).`,
    );
    return null;
  }
  const wanted = input.admin;
  if (!wanted) throw new SetupError("No admin user exists yet: give --admin-email (or WIREGUI_ADMIN_EMAIL).");
  const clash = await findUserByEmail(db, wanted.email);
  if (clash) throw new SetupError(`User ${clash.email} already exists and is not an admin; choose another admin email.`);

  return async () => {
    const password = wanted.password ?? generatePassword();
    const user = await createUser(db, { email: wanted.email, role: "admin", passwordHash: await hashPassword(password) });
    await recordAuditEvent(db, { actor: null, action: "setup.admin_created", targetType: "user", targetId: user.id, details: { email: user.email } });
    lines.push(`Created admin user ${user.email}.`);
    return wanted.password ? null : password;
  };
}

function label(field: keyof SetupSettings): string {
  return { ipv4Network: "IPv4 tunnel network", ipv6Network: "IPv6 tunnel network", listenPort: "Listen port", endpoint: "Client endpoint" }[field];
}
