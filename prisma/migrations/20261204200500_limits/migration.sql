-- Limits: how many devices an unprivileged user may own (Settings > Security > Limits, admins are
-- exempt), and the size of every string and list people can store, as CHECK constraints that
-- repeat the limits of the zod schemas (lib/validation/limits.ts and the schemas of each domain).
-- The schemas give the field errors, these stop any writer that skips them. They are validated
-- against the existing rows: a row beyond a limit (only possible for a list longer than 64 allowed
-- IPs or 8 DNS servers, or an email over 254 characters) stops the migration, naming the constraint.
-- (No semicolons in these comments: the Wasm schema engine splits statements at every one.)
ALTER TABLE "configuration" ADD COLUMN "max_devices_per_user" INTEGER NOT NULL DEFAULT 10;

ALTER TABLE "configuration"
  ADD CONSTRAINT "configuration_max_devices_per_user_range" CHECK ("max_devices_per_user" BETWEEN 1 AND 1000),
  ADD CONSTRAINT "configuration_default_client_allowed_ips_count" CHECK (cardinality("default_client_allowed_ips") <= 64),
  ADD CONSTRAINT "configuration_default_client_dns_count" CHECK (cardinality("default_client_dns") <= 8),
  ADD CONSTRAINT "configuration_default_client_endpoint_length" CHECK (char_length("default_client_endpoint") <= 259);

ALTER TABLE "devices"
  ADD CONSTRAINT "devices_name_length" CHECK (char_length("name") BETWEEN 1 AND 64),
  ADD CONSTRAINT "devices_description_length" CHECK (char_length("description") <= 500),
  ADD CONSTRAINT "devices_endpoint_length" CHECK (char_length("endpoint") <= 259),
  ADD CONSTRAINT "devices_allowed_ips_count" CHECK (cardinality("allowed_ips") <= 64),
  ADD CONSTRAINT "devices_dns_count" CHECK (cardinality("dns") <= 8);

ALTER TABLE "users"
  ADD CONSTRAINT "users_email_length" CHECK (char_length("email") <= 254),
  ADD CONSTRAINT "users_name_length" CHECK (char_length("name") <= 200);

ALTER TABLE "egress_rules" ADD CONSTRAINT "egress_rules_description_length" CHECK (char_length("description") <= 200);
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_name_length" CHECK (char_length("name") <= 64);
ALTER TABLE "mfa_methods" ADD CONSTRAINT "mfa_methods_name_length" CHECK (char_length("name") <= 60);

ALTER TABLE "oidc_providers"
  ADD CONSTRAINT "oidc_providers_label_length" CHECK (char_length("label") <= 60),
  ADD CONSTRAINT "oidc_providers_client_id_length" CHECK (char_length("client_id") <= 500),
  ADD CONSTRAINT "oidc_providers_discovery_url_length" CHECK (char_length("discovery_url") <= 2000),
  ADD CONSTRAINT "oidc_providers_scopes_length" CHECK (char_length("scopes") <= 500);

ALTER TABLE "saml_providers"
  ADD CONSTRAINT "saml_providers_label_length" CHECK (char_length("label") <= 60),
  ADD CONSTRAINT "saml_providers_idp_metadata_xml_length" CHECK (char_length("idp_metadata_xml") <= 200000),
  ADD CONSTRAINT "saml_providers_idp_metadata_url_length" CHECK (char_length("idp_metadata_url") <= 2000),
  ADD CONSTRAINT "saml_providers_sp_entity_id_length" CHECK (char_length("sp_entity_id") <= 500),
  ADD CONSTRAINT "saml_providers_email_attribute_length" CHECK (char_length("email_attribute") <= 200),
  ADD CONSTRAINT "saml_providers_name_attribute_length" CHECK (char_length("name_attribute") <= 200);

ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_provider_label_length" CHECK (char_length("provider_label") <= 60);
