/**
 * Audit details of a mutation, naming the API token it came through when it did (the API's actor
 * carries `apiTokenId`; a signed-in browser's does not), so the log tells API calls from clicks.
 */
export function auditDetails<T extends object>(actor: object, details: T): T {
  const apiTokenId = "apiTokenId" in actor && typeof actor.apiTokenId === "string" ? actor.apiTokenId : null;
  return apiTokenId ? { ...details, apiTokenId } : details;
}
