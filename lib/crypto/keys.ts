// Every key WireGUI uses, derived from AUTH_SECRET with HKDF-SHA256 and a label per purpose, so no
// key serves two jobs: a process given only the encryption key (the collector) can read secrets at
// rest but cannot sign a session, a link cookie or an MFA enrolment. The labels are part of the
// stored data's meaning: changing one makes what it protected unreadable.
import { createHash, hkdfSync } from "node:crypto";

const SALT = "wiregui";

/** What a signing key is for; each gets its own key. */
export type SigningPurpose = "next-auth-session" | "sso-link" | "mfa-enrolment";

const SIGNING_LABELS: Record<SigningPurpose, string> = {
  "next-auth-session": "wiregui:signing:next-auth-session:v2",
  "sso-link": "wiregui:signing:sso-link:v2",
  "mfa-enrolment": "wiregui:signing:mfa-enrolment:v2",
};

const ENCRYPTION_LABEL = "wiregui:encryption:v2";
// Before key separation, secrets at rest were sealed under this key ("v1:" values).
const LEGACY_ENCRYPTION_LABEL = "wiregui:secret-box:v1";

/** The form of WIREGUI_ENCRYPTION_KEY: 32 bytes as 64 hex digits (what `openssl kdf` prints, colons removed). */
export const ENCRYPTION_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

function derive(authSecret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, SALT, label, 32));
}

export function deriveSigningKey(authSecret: string, purpose: SigningPurpose): Buffer {
  return derive(authSecret, SIGNING_LABELS[purpose]);
}

/** next-auth takes its secret as a string and derives its own JWE key from it. */
export function deriveNextAuthSecret(authSecret: string): string {
  return deriveSigningKey(authSecret, "next-auth-session").toString("base64url");
}

export function deriveEncryptionKey(authSecret: string): Buffer {
  return derive(authSecret, ENCRYPTION_LABEL);
}

export function deriveLegacyEncryptionKey(authSecret: string): Buffer {
  return derive(authSecret, LEGACY_ENCRYPTION_LABEL);
}

export function encodeEncryptionKey(key: Buffer): string {
  return key.toString("hex");
}

export function parseEncryptionKey(value: string): Buffer {
  if (!ENCRYPTION_KEY_PATTERN.test(value)) throw new Error("must be 64 hex digits (print it with `wiregui print-encryption-key`)");
  return Buffer.from(value, "hex");
}

/**
 * A short public name for a key, stored beside each ciphertext so a later rotation can tell which
 * key sealed it. A hash of the key under its own label: it reveals nothing about the key.
 */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("wiregui:key-id:").update(key).digest("base64url").slice(0, 8);
}
