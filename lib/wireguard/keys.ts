// WireGuard keys are raw X25519 keys, base64-encoded (44 characters).
import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";
import { z } from "zod";

// DER prefixes of PKCS#8 and SPKI X25519 keys; the 32 raw key bytes follow them.
const PKCS8_X25519_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");
const SPKI_X25519_PREFIX_LENGTH = 12;

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

export const wireguardKeySchema = z
  .string()
  .trim()
  .refine(isWireguardKey, "must be a WireGuard key: 44 characters of base64 ending in '='");

export function isWireguardKey(value: string): boolean {
  return /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(value);
}

/**
 * Clamped random bytes instead of generateKeyPairSync('x25519'): the latter deadlocked here
 * once under load in Node 20.20 (see the platform notes).
 */
export function generatePrivateKey(): string {
  const key = randomBytes(32);
  key.writeUInt8(key.readUInt8(0) & 248, 0);
  key.writeUInt8((key.readUInt8(31) & 127) | 64, 31);
  return key.toString("base64");
}

export function derivePublicKey(privateKey: string): string {
  const raw = Buffer.from(privateKey, "base64");
  if (raw.length !== 32) throw new Error("A WireGuard private key is 32 bytes of base64");
  const keyObject = createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, raw]), format: "der", type: "pkcs8" });
  const spki = createPublicKey(keyObject).export({ format: "der", type: "spki" });
  return spki.subarray(SPKI_X25519_PREFIX_LENGTH).toString("base64");
}

export function generateKeyPair(): KeyPair {
  const privateKey = generatePrivateKey();
  return { privateKey, publicKey: derivePublicKey(privateKey) };
}

export function generatePresharedKey(): string {
  return randomBytes(32).toString("base64");
}
