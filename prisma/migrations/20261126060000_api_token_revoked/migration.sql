-- API tokens: revoking keeps the row (listed as revoked) and stops it authenticating.
ALTER TABLE "api_tokens" ADD COLUMN "revoked_at" TIMESTAMP(3);
