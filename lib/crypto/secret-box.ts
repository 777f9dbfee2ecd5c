// Encrypts secrets at rest (server private key, preshared keys, SSO secrets, TOTP secrets) with
// AES-256-GCM. Format: v2:<key id>:<iv>:<tag>:<ciphertext>, base64 (the key id names the key, so a
// rotation can tell old values from new). Values sealed before key separation ("v1:<iv>:<tag>:<ct>",
// under the legacy AUTH_SECRET-derived key) still open where AUTH_SECRET is known; `wiregui setup`
// re-seals them, after which a process holding only the encryption key (the collector) reads them.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveEncryptionKey, deriveLegacyEncryptionKey, keyIdOf } from "./keys";

const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBoxKeys {
  key: Buffer;
  /** Opens "v1:" values; only processes that know AUTH_SECRET have it. */
  legacyKey?: Buffer;
}

export class SecretBox {
  readonly #key: Buffer;
  readonly #legacyKey: Buffer | undefined;
  readonly keyId: string;

  /** From AUTH_SECRET (the web app, the CLI: legacy values open too), or from explicit keys. */
  constructor(source: string | SecretBoxKeys) {
    const keys = typeof source === "string" ? { key: deriveEncryptionKey(source), legacyKey: deriveLegacyEncryptionKey(source) } : source;
    if (keys.key.length !== 32) throw new Error("An encryption key is 32 bytes");
    this.#key = keys.key;
    this.#legacyKey = keys.legacyKey;
    this.keyId = keyIdOf(keys.key);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, this.keyId, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64"))].join(":");
  }

  open(sealed: string): string {
    const parts = sealed.split(":");
    if (parts[0] === LEGACY_VERSION && parts.length === 4) return this.#openLegacy(parts.slice(1));
    if (parts[0] !== VERSION || parts.length !== 5) throw new Error("Encrypted value has an unknown format");
    const keyId = parts[1]!;
    const [iv, tag, ciphertext] = parts.slice(2).map((part) => Buffer.from(part, "base64"));
    if (!isBytes(iv, IV_BYTES) || !isBytes(tag, TAG_BYTES) || !keyId) throw new Error("Encrypted value has an unknown format");
    if (keyId !== this.keyId) {
      throw new Error(`Encrypted value was sealed with key ${keyId}, not this process's key ${this.keyId}: was AUTH_SECRET (or WIREGUI_ENCRYPTION_KEY) changed?`);
    }
    return decrypt(this.#key, iv, tag, ciphertext!, "was AUTH_SECRET (or WIREGUI_ENCRYPTION_KEY) changed?");
  }

  /** True for values in the old format or under another key: `wiregui setup` seals them again. */
  needsResealing(sealed: string): boolean {
    const [version, keyId] = sealed.split(":");
    return version !== VERSION || keyId !== this.keyId;
  }

  #openLegacy(parts: string[]): string {
    const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, "base64"));
    if (!isBytes(iv, IV_BYTES) || !isBytes(tag, TAG_BYTES)) throw new Error("Encrypted value has an unknown format");
    if (!this.#legacyKey) {
      throw new Error("Encrypted value is in the old format, which needs AUTH_SECRET: run `wiregui setup` (it re-encrypts stored secrets with the encryption key)");
    }
    return decrypt(this.#legacyKey, iv, tag, ciphertext!, "was AUTH_SECRET changed?");
  }
}

function decrypt(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, hint: string): string {
  try {
    // Exact tag length: GCM would otherwise accept a truncated tag, which makes forgeries easier.
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`Encrypted value could not be decrypted: ${hint}`);
  }
}

function isBytes(value: unknown, length: number): value is Buffer {
  return Buffer.isBuffer(value) && value.length === length;
}
