-- Per-provider SSO policy: linking by email (off: existing providers stop linking by email) and required multi-factor authentication.
-- AlterTable
ALTER TABLE "oidc_providers" ADD COLUMN     "link_by_email" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mfa_acr_values" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "mfa_amr_values" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "require_mfa" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "saml_providers" ADD COLUMN     "link_by_email" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mfa_authn_contexts" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "require_mfa" BOOLEAN NOT NULL DEFAULT false;

