// Encrypts secrets at rest (server private key, preshared keys, SSO client secrets) with
// AES-256-GCM under a key derived from AUTH_SECRET. Format: v1:<iv>:<tag>:<ciphertext>, base64.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  readonly #key: Buffer;

  constructor(authSecret: string) {
    this.#key = Buffer.from(hkdfSync("sha256", authSecret, "wiregui", "wiregui:secret-box:v1", 32));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64"))).join(":");
  }

  open(sealed: string): string {
    const parts = sealed.split(":");
    const [version, iv, tag, ciphertext] = parts.map((part, index) => (index === 0 ? part : Buffer.from(part, "base64")));
    // Exact lengths: GCM would otherwise accept a truncated tag, which makes forgeries easier.
    if (parts.length !== 4 || version !== VERSION || !isBytes(iv, IV_BYTES) || !isBytes(tag, TAG_BYTES) || !Buffer.isBuffer(ciphertext)) {
      throw new Error("Encrypted value has an unknown format");
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new Error("Encrypted value could not be decrypted: was AUTH_SECRET changed?");
    }
  }
}

function isBytes(value: unknown, length: number): value is Buffer {
  return Buffer.isBuffer(value) && value.length === length;
}
