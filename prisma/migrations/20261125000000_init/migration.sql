-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'unprivileged');

-- CreateEnum
CREATE TYPE "Theme" AS ENUM ('light', 'dark', 'auto');

-- CreateEnum
CREATE TYPE "RuleAction" AS ENUM ('accept', 'drop');

-- CreateEnum
CREATE TYPE "RuleProtocol" AS ENUM ('any', 'tcp', 'udp');

-- CreateEnum
CREATE TYPE "SsoConnectionStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "MfaMethodType" AS ENUM ('totp');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'unprivileged',
    "is_disabled" BOOLEAN NOT NULL DEFAULT false,
    "theme" "Theme" NOT NULL DEFAULT 'auto',
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "last_sign_in_at" TIMESTAMP(3),
    "last_sign_in_method" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "devices" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "public_key" TEXT NOT NULL,
    "preshared_key_encrypted" TEXT,
    "ipv4" INET,
    "ipv6" INET,
    "use_default_allowed_ips" BOOLEAN NOT NULL DEFAULT true,
    "allowed_ips" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "use_default_dns" BOOLEAN NOT NULL DEFAULT true,
    "dns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "use_default_endpoint" BOOLEAN NOT NULL DEFAULT true,
    "endpoint" TEXT,
    "use_default_mtu" BOOLEAN NOT NULL DEFAULT true,
    "mtu" INTEGER,
    "use_default_persistent_keepalive" BOOLEAN NOT NULL DEFAULT true,
    "persistent_keepalive" INTEGER,
    "rx_bytes" BIGINT NOT NULL DEFAULT 0,
    "tx_bytes" BIGINT NOT NULL DEFAULT 0,
    "latest_handshake_at" TIMESTAMP(3),
    "remote_endpoint" TEXT,
    "stats_updated_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "devices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "egress_rules" (
    "id" UUID NOT NULL,
    "action" "RuleAction" NOT NULL,
    "destination" TEXT NOT NULL,
    "protocol" "RuleProtocol" NOT NULL DEFAULT 'any',
    "port_start" INTEGER,
    "port_end" INTEGER,
    "user_id" UUID,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "egress_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "configuration" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "default_client_allowed_ips" TEXT[] DEFAULT ARRAY['0.0.0.0/0', '::/0']::TEXT[],
    "default_client_dns" TEXT[] DEFAULT ARRAY['1.1.1.1', '1.0.0.1']::TEXT[],
    "default_client_endpoint" TEXT,
    "default_client_mtu" INTEGER NOT NULL DEFAULT 1280,
    "default_client_persistent_keepalive" INTEGER NOT NULL DEFAULT 25,
    "allow_unprivileged_device_management" BOOLEAN NOT NULL DEFAULT true,
    "allow_unprivileged_device_configuration" BOOLEAN NOT NULL DEFAULT true,
    "is_local_auth_enabled" BOOLEAN NOT NULL DEFAULT true,
    "disable_vpn_on_oidc_error" BOOLEAN NOT NULL DEFAULT false,
    "server_public_key" TEXT,
    "server_private_key_encrypted" TEXT,
    "listen_port" INTEGER NOT NULL DEFAULT 51820,
    "ipv4_network" TEXT NOT NULL DEFAULT '10.3.2.0/24',
    "ipv6_network" TEXT NOT NULL DEFAULT 'fd00::3:2:0/120',
    "setup_completed_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "configuration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oidc_providers" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_encrypted" TEXT NOT NULL,
    "discovery_url" TEXT NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT 'openid email profile',
    "auto_create_users" BOOLEAN NOT NULL DEFAULT false,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "oidc_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saml_providers" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "idp_metadata_xml" TEXT,
    "idp_metadata_url" TEXT,
    "sp_entity_id" TEXT NOT NULL,
    "sp_certificate" TEXT,
    "sp_private_key_encrypted" TEXT,
    "sign_requests" BOOLEAN NOT NULL DEFAULT true,
    "require_signed_assertions" BOOLEAN NOT NULL DEFAULT true,
    "require_signed_responses" BOOLEAN NOT NULL DEFAULT true,
    "auto_create_users" BOOLEAN NOT NULL DEFAULT false,
    "is_enabled" BOOLEAN NOT NULL DEFAULT true,
    "email_attribute" TEXT NOT NULL DEFAULT 'email',
    "name_attribute" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "saml_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_connections" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "oidc_provider_id" UUID,
    "saml_provider_id" UUID,
    "subject" TEXT NOT NULL,
    "status" "SsoConnectionStatus" NOT NULL DEFAULT 'active',
    "last_used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mfa_methods" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "type" "MfaMethodType" NOT NULL,
    "name" TEXT NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "last_used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mfa_methods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "ip" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "devices_public_key_key" ON "devices"("public_key");

-- CreateIndex
CREATE UNIQUE INDEX "devices_ipv4_key" ON "devices"("ipv4");

-- CreateIndex
CREATE UNIQUE INDEX "devices_ipv6_key" ON "devices"("ipv6");

-- CreateIndex
CREATE UNIQUE INDEX "devices_user_id_name_key" ON "devices"("user_id", "name");

-- CreateIndex
CREATE INDEX "egress_rules_priority_idx" ON "egress_rules"("priority");

-- CreateIndex
CREATE UNIQUE INDEX "oidc_providers_slug_key" ON "oidc_providers"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "saml_providers_slug_key" ON "saml_providers"("slug");

-- CreateIndex
CREATE INDEX "sso_connections_user_id_idx" ON "sso_connections"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sso_connections_oidc_provider_id_subject_key" ON "sso_connections"("oidc_provider_id", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "sso_connections_saml_provider_id_subject_key" ON "sso_connections"("saml_provider_id", "subject");

-- CreateIndex
CREATE INDEX "mfa_methods_user_id_idx" ON "mfa_methods"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at");

-- CreateIndex
CREATE INDEX "audit_events_actor_user_id_idx" ON "audit_events"("actor_user_id");

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "egress_rules" ADD CONSTRAINT "egress_rules_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_oidc_provider_id_fkey" FOREIGN KEY ("oidc_provider_id") REFERENCES "oidc_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_saml_provider_id_fkey" FOREIGN KEY ("saml_provider_id") REFERENCES "saml_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mfa_methods" ADD CONSTRAINT "mfa_methods_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Constraints Prisma's schema language cannot express.
ALTER TABLE "configuration" ADD CONSTRAINT "configuration_single_row" CHECK ("id" = 1);
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_one_provider"
  CHECK (num_nonnulls("oidc_provider_id", "saml_provider_id") = 1);
ALTER TABLE "users" ADD CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email"));
