-- Single sign-on.
-- Connections outlive their provider (the account page shows "provider removed") and keep the
-- provider's kind, slug and label for that: a disconnected identity stays as a `revoked` marker so
-- the next sign-in through it is refused instead of silently re-linked by email.
ALTER TABLE "sso_connections"
  ADD COLUMN "provider_kind" TEXT,
  ADD COLUMN "provider_slug" TEXT,
  ADD COLUMN "provider_label" TEXT,
  ADD COLUMN "email" TEXT,
  ADD COLUMN "last_error" TEXT,
  ADD COLUMN "last_error_at" TIMESTAMP(3);

UPDATE "sso_connections" c SET
  "provider_kind" = CASE WHEN c."oidc_provider_id" IS NOT NULL THEN 'oidc' ELSE 'saml' END,
  "provider_slug" = COALESCE((SELECT slug FROM "oidc_providers" o WHERE o.id = c."oidc_provider_id"), (SELECT slug FROM "saml_providers" s WHERE s.id = c."saml_provider_id")),
  "provider_label" = COALESCE((SELECT label FROM "oidc_providers" o WHERE o.id = c."oidc_provider_id"), (SELECT label FROM "saml_providers" s WHERE s.id = c."saml_provider_id"));

ALTER TABLE "sso_connections"
  ALTER COLUMN "provider_kind" SET NOT NULL,
  ALTER COLUMN "provider_slug" SET NOT NULL,
  ALTER COLUMN "provider_label" SET NOT NULL,
  DROP CONSTRAINT "sso_connections_one_provider",
  ADD CONSTRAINT "sso_connections_at_most_one_provider" CHECK (num_nonnulls("oidc_provider_id", "saml_provider_id") <= 1),
  ADD CONSTRAINT "sso_connections_provider_kind" CHECK ("provider_kind" IN ('oidc', 'saml')),
  DROP CONSTRAINT "sso_connections_oidc_provider_id_fkey",
  DROP CONSTRAINT "sso_connections_saml_provider_id_fkey";

ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_oidc_provider_id_fkey" FOREIGN KEY ("oidc_provider_id") REFERENCES "oidc_providers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_saml_provider_id_fkey" FOREIGN KEY ("saml_provider_id") REFERENCES "saml_providers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- What saving a SAML provider read from its metadata (XML or URL), so sign-in never depends on a fetch.
ALTER TABLE "saml_providers"
  ADD COLUMN "idp_entity_id" TEXT,
  ADD COLUMN "idp_sso_url" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "idp_certificates" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- AuthnRequest ids awaiting their response (InResponseTo): a row is consumed by the first response.
CREATE TABLE "saml_requests" (
    "id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "link_user_id" UUID,
    "callback_path" TEXT NOT NULL DEFAULT '/',
    "browser_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "saml_requests_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "saml_requests" ADD CONSTRAINT "saml_requests_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "saml_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "saml_requests" ADD CONSTRAINT "saml_requests_link_user_id_fkey" FOREIGN KEY ("link_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "saml_requests_created_at_idx" ON "saml_requests"("created_at");

-- Assertion ids already accepted: a replayed response is refused even if it raced the first one.
CREATE TABLE "saml_consumed_assertions" (
    "provider_id" UUID NOT NULL,
    "assertion_id" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "saml_consumed_assertions_pkey" PRIMARY KEY ("provider_id", "assertion_id")
);
ALTER TABLE "saml_consumed_assertions" ADD CONSTRAINT "saml_consumed_assertions_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "saml_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "saml_consumed_assertions_expires_at_idx" ON "saml_consumed_assertions"("expires_at");

-- One-time tickets that turn a verified SAML response into a next-auth session (hash stored, 60 s),
-- redeemable only by the browser that started the login (browser_hash: its nonce cookie, hashed).
CREATE TABLE "sso_tickets" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "browser_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "sso_tickets_pkey" PRIMARY KEY ("token_hash")
);
ALTER TABLE "sso_tickets" ADD CONSTRAINT "sso_tickets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
