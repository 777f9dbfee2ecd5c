import { describe, expect, it } from "vitest";
import { DiscoveryProblem, parseOidcDiscovery } from "./oidc-discovery";

const document = {
  issuer: "https://idp.test",
  authorization_endpoint: "https://idp.test/auth",
  token_endpoint: "https://idp.test/token",
  jwks_uri: "https://idp.test/jwks",
  response_types_supported: ["code", "id_token"],
};

describe("parseOidcDiscovery", () => {
  it("returns the endpoints of a usable document", () => {
    expect(parseOidcDiscovery(JSON.stringify(document))).toEqual({
      issuer: "https://idp.test",
      authorizationEndpoint: "https://idp.test/auth",
      tokenEndpoint: "https://idp.test/token",
      jwksUri: "https://idp.test/jwks",
    });
  });

  it.each([
    ["HTML", "<html>login</html>", /not JSON/],
    ["a JSON string", '"hello"', /not a discovery document/],
    ["no jwks_uri", JSON.stringify({ ...document, jwks_uri: undefined }), /"jwks_uri" is missing or not a URL/],
    ["a relative token endpoint", JSON.stringify({ ...document, token_endpoint: "/token" }), /"token_endpoint" is missing or not a URL/],
    ["no code flow", JSON.stringify({ ...document, response_types_supported: ["id_token"] }), /authorization code flow/],
  ])("refuses %s", (_name, text, message) => {
    expect(() => parseOidcDiscovery(text)).toThrow(DiscoveryProblem);
    expect(() => parseOidcDiscovery(text)).toThrow(message);
  });
});
