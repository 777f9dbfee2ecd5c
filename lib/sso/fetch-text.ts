// Bounded fetches of admin-given URLs (OIDC discovery, SAML metadata): a timeout, a size cap, and
// errors worded for the form field that holds the URL.
const TIMEOUT_MS = 5000;
const MAX_BYTES = 1024 * 1024;

export class FetchProblem extends Error {}

export async function fetchText(url: string, accept: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept }, redirect: "follow", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    if ((error as Error).name === "TimeoutError") throw new FetchProblem(`could not be fetched: no answer within ${TIMEOUT_MS / 1000} s`);
    throw new FetchProblem(`could not be fetched${cause ? ` (${cause})` : ""}: is the address right and reachable from the server?`);
  }
  if (!response.ok) throw new FetchProblem(`answered HTTP ${response.status}, expected 200`);
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_BYTES) throw new FetchProblem("answered with more than 1 MiB");
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if ((error as Error).name === "TimeoutError") throw new FetchProblem(`could not be read: no complete answer within ${TIMEOUT_MS / 1000} s`);
    throw new FetchProblem("could not be read: the connection broke or the body is malformed");
  }
  if (text.length > MAX_BYTES) throw new FetchProblem("answered with more than 1 MiB");
  return text;
}
