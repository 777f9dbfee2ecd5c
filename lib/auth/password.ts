import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const BCRYPT_COST = 12;

/** Refuses what bcrypt would cut: every new password passes passwordSchema (72 bytes) first. */
export function hashPassword(password: string): Promise<string> {
  if (Buffer.byteLength(password, "utf8") > 72) return Promise.reject(new RangeError("A password must be at most 72 bytes (UTF-8)"));
  return bcrypt.hash(password, BCRYPT_COST);
}

/** No length limit here: a long password set before the limit still signs in (bcrypt reads 72 bytes of it). */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so response time does not reveal which emails exist.
const DUMMY_HASH = bcrypt.hashSync("wiregui-no-such-user", BCRYPT_COST);

export function verifyAgainstDummy(password: string): Promise<boolean> {
  return bcrypt.compare(password, DUMMY_HASH);
}

/** 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(length = 20): string {
  if (!Number.isInteger(length) || length < 1) throw new RangeError("length must be a positive integer");
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const limit = 256 - (256 % alphabet.length);
  let password = "";
  while (password.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling keeps every character equally likely.
      if (byte >= limit) continue;
      password += alphabet[byte % alphabet.length];
      if (password.length === length) break;
    }
  }
  return password;
}
