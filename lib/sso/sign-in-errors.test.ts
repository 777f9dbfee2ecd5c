import { describe, expect, it } from "vitest";
import { SSO_REFUSAL_MESSAGES } from "./sign-in";
import { signInErrorMessage } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("gives our refusal's message, and the generic one for next-auth's codes and unknown ones", () => {
    expect(signInErrorMessage("sso_unknown_user")).toBe(SSO_REFUSAL_MESSAGES.unknown_user);
    expect(signInErrorMessage("sso_disabled")).toBe(SSO_REFUSAL_MESSAGES.disabled);
    expect(signInErrorMessage("OAuthCallback")).toBe(SSO_REFUSAL_MESSAGES.failed);
    expect(signInErrorMessage("sso_toString")).toBe(SSO_REFUSAL_MESSAGES.failed);
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage("SessionRequired")).toBeNull();
  });
});
