// The SP's own key pair for a SAML provider: signs AuthnRequests and decrypts encrypted assertions.
import { generate } from "selfsigned";

const VALID_YEARS = 10;

export async function generateSpKeyPair(commonName: string): Promise<{ certificate: string; privateKey: string }> {
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  const pems = await generate([{ name: "commonName", value: commonName.slice(0, 64) }], { keySize: 2048, algorithm: "sha256", notBeforeDate, notAfterDate });
  return { certificate: pems.cert, privateKey: pems.private };
}
