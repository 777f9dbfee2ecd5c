-- What a running install of the previous release holds: rows for every table, written in the
-- columns that release had (a column added since keeps its default, as on a real upgrade).
-- cli/upgrade.int.test.ts loads the section of each table the old schema has before upgrading it,
-- and the sections of tables added since after it. A table without a section fails that test.
--
-- Secrets are sealed as that release sealed them, under AUTH_SECRET
-- "upgrade-test-auth-secret-of-the-old-release-0123"; their plain values (passwords, keys, the
-- TOTP secret, the API token) are in test/upgrade/old-release.ts. Times are relative to now (UTC)
-- so sessions, tokens and VPN sessions stay as live as they were.
--
-- Users: admin (password), alice (password + TOTP), bob (OIDC only), carol (SAML only, VPN
-- session expired), eve (disabled).

-- table: users
INSERT INTO users (id, email, name, password_hash, role, is_disabled, theme, session_version, last_sign_in_at, last_sign_in_method, created_at, updated_at) VALUES
  ('aaaaaaaa-0000-4000-8000-000000000001', 'admin@example.com', 'Ada Admin', '$2b$12$0zOyXz1uHt2CYOiFGDp/hegSe5GlEqgTC1/HdKgdolUYLuZv9KKh2', 'admin', false, 'dark', 2, now() - interval '1 day', 'local', now() - interval '90 days', now() - interval '1 day'),
  ('aaaaaaaa-0000-4000-8000-000000000002', 'alice@example.com', 'Alice', '$2b$12$0J/msLTXUr7UX.qa6brxsOCq8oz6yf3C1DRW.nHz9.qxJW89n3xmK', 'unprivileged', false, 'light', 0, now() - interval '2 days', 'local', now() - interval '60 days', now() - interval '2 days'),
  ('aaaaaaaa-0000-4000-8000-000000000003', 'bob@example.com', 'Bob', NULL, 'unprivileged', false, 'auto', 0, now() - interval '3 days', 'oidc:corp', now() - interval '30 days', now() - interval '3 days'),
  ('aaaaaaaa-0000-4000-8000-000000000004', 'carol@example.com', NULL, NULL, 'unprivileged', false, 'auto', 0, now() - interval '10 days', 'saml:okta', now() - interval '20 days', now() - interval '10 days'),
  ('aaaaaaaa-0000-4000-8000-000000000005', 'eve@example.com', 'Eve', '$2b$12$0J/msLTXUr7UX.qa6brxsOCq8oz6yf3C1DRW.nHz9.qxJW89n3xmK', 'unprivileged', true, 'auto', 1, NULL, NULL, now() - interval '15 days', now() - interval '5 days');

-- table: configuration
INSERT INTO configuration (id, default_client_allowed_ips, default_client_dns, default_client_endpoint, default_client_mtu, default_client_persistent_keepalive,
    allow_unprivileged_device_management, allow_unprivileged_device_configuration, is_local_auth_enabled, disable_vpn_on_oidc_error, allow_private_idp_addresses,
    server_public_key, server_private_key_encrypted, listen_port, ipv4_network, ipv6_network, setup_completed_at, updated_at,
    vpn_session_duration, audit_retention_days, max_devices_per_user) VALUES
  (1, ARRAY['10.8.0.0/24', '192.168.50.0/24'], ARRAY['10.8.0.1', 'fd00:8::1'], 'vpn.example.com:51821', 1380, 15,
    true, false, true, false, true,
    'jrorEmwjKvWVE2V+3BscpFegMoeMydc4W9l050Ddswo=', 'v2:_bZ2o4C4:gAtcEzKVEa/mhylL:fV/qsxwJzW/gTREcg+ntag==:rFjpdtZ9aTDfYQVyGKC0rRKtAMn3E6tfP0KyujOLGeLXdf9eJp4wBEfdX1w=',
    51821, '10.8.0.0/24', 'fd00:8::/112', now() - interval '90 days', now() - interval '7 days',
    604800, 90, 5);

-- table: devices
INSERT INTO devices (id, user_id, name, description, public_key, preshared_key_encrypted, ipv4, ipv6,
    use_default_allowed_ips, allowed_ips, use_default_dns, dns, use_default_endpoint, endpoint, use_default_mtu, mtu, use_default_persistent_keepalive, persistent_keepalive,
    rx_bytes, tx_bytes, latest_handshake_at, remote_endpoint, rx_bytes_per_second, tx_bytes_per_second, stats_updated_at, created_at, updated_at) VALUES
  ('dddddddd-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'admin-phone', 'Pixel, full tunnel', 'Iby59b1J39nmojQnEdIPJz+jq4Hc9btDgofbxhlt/yc=',
    'v2:_bZ2o4C4:ePAklhf94eIXe/BG:FADjTOWYrmCaKYO7grmFWA==:OhyCBk6tQ09eLsocgTE5IzIZMLVIbJIeetTPHpqSMrfhlCu05AxO5CiVRQI=', '10.8.0.2', 'fd00:8::2',
    false, ARRAY['0.0.0.0/0', '::/0'], false, ARRAY['9.9.9.9'], true, NULL, false, 1280, false, 25,
    5368709120, 734003200, now() - interval '40 seconds', '198.51.100.7:41644', 18250.5, 2048, now() - interval '5 seconds', now() - interval '80 days', now() - interval '5 seconds'),
  ('dddddddd-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000002', 'alice-laptop', '', 'vdhTHAgmBIlv5/B1yn17kKZUPKcjUZ4+zQnrt0L0HD0=',
    'v2:_bZ2o4C4:wpKveEqf/FoxdPZk:J46gFRorDsIGEHeyxmzl2A==:L/YTd0J3XP0GV7xHekKLJmkrNkHVio25WwbAc1h8aDaZ/a0w/vNXBXE0CBQ=', '10.8.0.3', 'fd00:8::3',
    true, ARRAY[]::text[], true, ARRAY[]::text[], true, NULL, true, NULL, true, NULL,
    987654321012, 12345678901, now() - interval '2 minutes', '[2001:db8::44]:51000', 1.5e6, 3.2e4, now() - interval '5 seconds', now() - interval '55 days', now() - interval '5 seconds'),
  ('dddddddd-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000002', 'alice-phone', 'split tunnel', 'SSqBM6/mHJLPxs2OjXRbPQS+e1ZandaVqgo3xEGLhWM=',
    'v2:_bZ2o4C4:EECyy49lOQ40mUOg:Ohz4m3hDZOtjD1sm91s0HQ==:rymAiA9HG0DacTwTp1CESZZ9vDmnbqBAspdiX+lnN2seRa2+YNeDqFvHtoA=', '10.8.0.4', NULL,
    false, ARRAY['10.8.0.0/24', '192.168.50.0/24'], true, ARRAY[]::text[], false, 'vpn-alt.example.com:51821', true, NULL, true, NULL,
    0, 0, NULL, NULL, NULL, NULL, NULL, now() - interval '10 days', now() - interval '10 days'),
  ('dddddddd-0000-4000-8000-000000000004', 'aaaaaaaa-0000-4000-8000-000000000003', 'bob-laptop', '', 'ib4G9dzdoSJKKXj2DZdGZ1lKERsd67r6GtZPhsAdVDA=',
    'v2:_bZ2o4C4:7Nbi7tBntbDEPeKl:6OuFodcVNa7zsCbcL/61dw==:7mclFJRTQzmcvzU0nHVaZmZ92rEHIbZks4tNzk/d8bf6regFldavvEzWLBE=', '10.8.0.5', 'fd00:8::5',
    true, ARRAY[]::text[], true, ARRAY[]::text[], true, NULL, true, NULL, true, NULL,
    1048576, 524288, now() - interval '3 hours', '203.0.113.9:60000', 0, 0, now() - interval '3 hours', now() - interval '29 days', now() - interval '3 hours'),
  ('dddddddd-0000-4000-8000-000000000005', 'aaaaaaaa-0000-4000-8000-000000000004', 'carol-tablet', '', '+o355PyPj8yVpFlBW/WF475YoBVSWMe5RjhV1HB1iE4=',
    NULL, '10.8.0.6', 'fd00:8::6',
    true, ARRAY[]::text[], true, ARRAY[]::text[], true, NULL, true, NULL, true, NULL,
    4096, 8192, now() - interval '10 days', '192.0.2.77:51820', NULL, NULL, now() - interval '10 days', now() - interval '19 days', now() - interval '10 days');

-- table: egress_rules
INSERT INTO egress_rules (id, action, destination, protocol, port_start, port_end, user_id, priority, description, created_at, updated_at) VALUES
  ('eeeeeeee-0000-4000-8000-000000000001', 'drop', '192.168.50.10/32', 'tcp', 22, 22, NULL, 10, 'No SSH to the NAS', now() - interval '50 days', now() - interval '50 days'),
  ('eeeeeeee-0000-4000-8000-000000000002', 'accept', '192.168.50.0/24', 'udp', 5000, 5100, 'aaaaaaaa-0000-4000-8000-000000000002', 20, 'Alice: media ports', now() - interval '40 days', now() - interval '12 days'),
  ('eeeeeeee-0000-4000-8000-000000000003', 'drop', '2001:db8:dead::/48', 'any', NULL, NULL, NULL, 100, '', now() - interval '30 days', now() - interval '30 days');

-- table: egress_rules_status
INSERT INTO egress_rules_status (interface_name, applied_at, rule_count, last_error, last_error_at, updated_at) VALUES
  ('wg0', now() - interval '30 seconds', 3, 'nft: Could not process rule: No such file or directory', now() - interval '2 days', now() - interval '30 seconds');

-- table: collector_status
INSERT INTO collector_status (interface_name, source, poll_interval_seconds, last_cycle_at, last_cycle_duration_ms, last_error_at, last_error,
    peers_on_interface, peers_connected, last_push_at, last_push_error, buffered_pushes, updated_at) VALUES
  ('wg0', 'collector', 5, now() - interval '5 seconds', 12, now() - interval '1 day', 'wg show wg0 dump: exit code 1', 4, 2, now() - interval '5 seconds', NULL, 0, now() - interval '5 seconds');

-- table: oidc_providers
INSERT INTO oidc_providers (id, slug, label, client_id, client_secret_encrypted, discovery_url, scopes, auto_create_users, is_enabled, created_at, updated_at,
    link_by_email, mfa_acr_values, mfa_amr_values, require_mfa) VALUES
  ('c1c1c1c1-0000-4000-8000-000000000001', 'corp', 'Corp login', 'wiregui-client',
    'v2:_bZ2o4C4:WQTUC5Zia67oZ44o:GoAVfU/dsKWZa1JRYJGP8Q==:u+SVOU1i+hzRkC72mMzQlW8eDiaLcYQ=',
    'https://login.example.com/.well-known/openid-configuration', 'openid email profile groups', true, true, now() - interval '45 days', now() - interval '4 days',
    true, ARRAY['phr'], ARRAY['mfa', 'otp'], true);

-- table: saml_providers
INSERT INTO saml_providers (id, slug, label, idp_metadata_xml, idp_metadata_url, sp_entity_id, sp_certificate, sp_private_key_encrypted,
    sign_requests, require_signed_assertions, require_signed_responses, auto_create_users, is_enabled, email_attribute, name_attribute, created_at, updated_at,
    idp_entity_id, idp_sso_url, idp_certificates, link_by_email, mfa_authn_contexts, require_mfa) VALUES
  ('5a5a5a5a-0000-4000-8000-000000000001', 'okta', 'Okta', NULL, 'https://idp.example.com/app/wiregui/sso/saml/metadata', 'https://vpn.example.com/api/auth/saml/okta/metadata',
    '-----BEGIN CERTIFICATE-----
MIIDITCCAgmgAwIBAgIJNsHE1aAeAe1BMA0GCSqGSIb3DQEBCwUAMB8xHTAbBgNV
BAMTFFdpcmVHVUkgU0FNTCBTUCBva3RhMB4XDTI2MTIwNjIxMTM1OFoXDTM2MTIw
NjIxMTM1OFowHzEdMBsGA1UEAxMUV2lyZUdVSSBTQU1MIFNQIG9rdGEwggEiMA0G
CSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDPdSnjfj+peXJEd3xxsqVnpYz55NUf
kVSY7UL3bcSXY90w44RQzrS22EO9m5A8wgRnjmf1A86B/npc1XB1zu1tRnoOXV13
5CNSvurG3fugIjHNErkJD9usd6h9ogBG173DoClOiA1NJ/dpvpcF3F2/odcuNgOj
E6goVlPSKIn/NZl/+yZRqxKO1rzsMmYkUvXdNiqDAq7bJaihHdEprK/kUIS3gS/e
h8jJztQV++oM+TA20HrB5Lt0XaZml3tv7NehsVaDlp4DTIsSUXc8+6SevMR0RN60
NxQI4RiheuOJPzeoWxPSWCWhATnmWJ9M+mk6S2SdyVlzuEsFOaGZ0in3AgMBAAGj
YDBeMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgWgMB0GA1UdJQQWMBQGCCsG
AQUFBwMBBggrBgEFBQcDAjAfBgNVHREEGDAWghRXaXJlR1VJIFNBTUwgU1Agb2t0
YTANBgkqhkiG9w0BAQsFAAOCAQEAFtNgEPC7+p8QXIcsEIxtLgVLtEI3KzBkxa2h
vynYy1wWFSMOvN/7aAUN45sqs2pwWMQNUJhgSDNodvJ/CK43g4vMDxliuBOlR6aZ
uVMm4o5MOewOu2BAZQ1VvkUdjvv2U1cEDIJWDO3SXPyWxUzNXiycY4SlD1l4DtLc
Du1wYVzgD1ToVwqAsJzMH1/nkIlCAPj6Zo0b4Gi0FGzldzMNY3X9scXFqQqplKIC
G9I3vEpNS43TCg76rN3IVfRBiMwCXxXgdDDlu9dLpxciDepmAOYknyd749QeTlus
do4gXTstvYldWkweHt4U3Bt+vPLl1h+kpS/GFSyW1Wpld2CYTA==
-----END CERTIFICATE-----',
    'v2:_bZ2o4C4:XnEtx8NSm3xDcRES:4Xs7MZavZjaZfQEtWhrhhg==:mvtliaykQUQCq9cZpOCVi+fLMyewebtsuifMf0NgySi3oRBtwDj2q0cjqWTeyZzZFnjbWV3bZ81hOTeYGYYasO7wBmmnfntgxNSnKs68+0NVWnIAufIi1p+VGX5S/h6Y9LAoxctZ6+nYVDALyw0SCAK+gMuKKwHQLcs37ulimmYWs/fRZAF8eXEHX9DF/Eu3rJ8f6vfaWdbr6gHl9/N6lo9eaSoJCBq0lE1jctl8K8TRwo1zFnW6OZmNxJnRwEz7SNjco8oj2V+8UHbx2d2FDHiEzsghNFYJLEFEWaUNkbvpWZ+uP1ImAJJktKTsdYFOKEwoJc8hNYvSYMnQzagz50nOwa4p4PI1wm6wc31AhmHx8D+XA0jMYEKYWr0kLvV6YVSbUYjHf0CXYKVEq0z5Kr+j8oSZyAzG6yIdpG3WhzdhPDQAxdgG2LHgyo3IFLpXwX1mBFrQgtMLyulRXycofB3QAihbcWsVtiMsDwfq6o+C5FKDcG+5blVuayukVMXWL6RsjuanVaYPx10cB8DkiT1KN+hUDk6CqYeadhKhhRwewRCg2kB3ci562IrISJOU5m12uSC4M4wpqPzyHEhb3HPUCoUtvdrcy9HbfqwAl+jPM6mBbpuUUSyK+PFkcXZ7sizvKYiPo6vhs2QheOzAbZy9uIUaRFqVDWQWLwOIhx0sFRh/8iyIZErsX+zJRcN2rCxuk7XqDd+hLxzdO0OeonGQaVKCHmsxGeGQcSaeLicQ9auWX1LCcP+EmvU3vyWFWWQL0RYVVyUfN74E57ZSPx8cgBwAQm+xmIfl9uG3DWAuLScENSbQ30CaTr7XeQNwncsg0SoZ05CVIDB5YKOTClijuHrO5ivufVHq/M9qlhihQzAmFT/PsY3rohF4Dl7s0zmGLuCKk93NBTmsza4vU8ZhT7zSFnR+mMVzdROsvqM2aaeBw7CIGz7mi2PNyImVopg8FgS3o2YL4I3YWe3O46j4/Hkl37QvEAY4U0GpTnm4T5RiNG+QWy5GA7V0LlqNWgZC0sG8lBG1hVJ6/NmKsBw3RVkhupF2mVQwiFffHHMp8pBpfJglh7G2V9EnWta20Zs8jJEl3pzN8QW4EsNaNcUDXsEsJxXvt1x5AQWT3MweafAYFGMG8vKIMLi9/2EcYn9oHwDAT3KgTlVrUcVy3kXt1dbfA++MOznORSAW3NbE2qJqBkGXbdJgGF5vFpDZB/DWyyDqO2WBYzjky437RnrC0OIrDQXkq1qrFzZh6svINqObqGbyEHcR6rVca0cvB/Faf9u67adpaf5ICZ91caF5lbIM4Wji89QM2NLmJc18jfCcQAUIv9CLnkXuP2M0+AndwFtAFMxZuoRgmYLLW1HRPhlzBR8ISBot143lGUlJJsGKzgc8eaKFhqY43KMDcg1+i4hV2KdHP1BdTnYNa7Eoch1EQK4HIHpZNDY/Tz1a4+SOLEytgJrRTNos6cBEqAZITa2zWiaUSwCGD+coPlZZ36WrJdMyKKI7AO8GrBl4VSCDz8dyE3jov0PFvpcqr6qqso0Bji4oxPq6T5xmlpmywkuk2dYnW81TiwrP9FV9p7cPkGWSAAl3O2EJO5GJv4Ya7xSaL+4+O0kaIa+bh7/DB9yg+XiT4O7HN3Kq6FQ+3/0VQx6Njy3B7tVxD8+Oip7pOcJReb3nN17BNXb/k9/GDuSM/i1YJcLlRK8ALecMRBtv/yWTWT+zmFG7IWGcq5z3FKH+5GZbGE2uHPGMV8fGCS+TST0zshU45EjUfkZ7AVk8l1TBnGT237w6OsNQAnYh9orYWUH51TjgTxfxOAg3fd59LGIisecd/f+bwdMWZ8bcYk89MoCLXaRqRSXZtks061XFChwn/njP/uPNmBplzBgQx3xd4j5ZEE3O53sYUrcLQfxpegR5OV3BS5fkcHRO5RMmZgR9Tel7De963F96iSbgKSlFn9s7LGs28nxF80iFhetJY9rOv5Br6iL5SpwQh4ObvOpeo9Rp1bWQY8AaYGE70SWCqSYVE6Cztnfj1jiN1iAnh8ShrgRkq/v3AwkfdHZI5yUWsljUMEKT1kGU7v1KWSNwdBdOgo/9xHRxz2wdHMFj2XweRjj3ywZomgLlFNgNfqAKrASnuhK16sd2XExpG7YCEKDN1ymUhHEGBsewr73WxDwR5624I3AwEKzQHPXpZttOsbaHpwnJXL38XYQqgvb9L7vn+7t6M584S0VnB22A/CW69wGjtc8cH4XoGv98dSrVD1IJ1J0ZnZSetLn9tK2w',
    true, true, true, false, true, 'mail', 'displayName', now() - interval '25 days', now() - interval '25 days',
    'http://www.okta.com/exk1example', 'https://idp.example.com/app/wiregui/sso/saml', ARRAY['-----BEGIN CERTIFICATE-----
MIIDEjCCAfqgAwIBAgIJT7c5qo4kaDNOMA0GCSqGSIb3DQEBCwUAMBoxGDAWBgNV
BAMTD2lkcC5leGFtcGxlLmNvbTAeFw0yNjEyMDYyMTEzNThaFw0zNjEyMDYyMTEz
NThaMBoxGDAWBgNVBAMTD2lkcC5leGFtcGxlLmNvbTCCASIwDQYJKoZIhvcNAQEB
BQADggEPADCCAQoCggEBAKETOE0OrRMgxSdl44zXYdus57KXIEaOKpJNfiQjcncE
UgUgTScyO0WE+xae7p/UsFwFxQAt2FDal5fRc8ur3mlPb2TwJEKP5kwOyAJPahup
cUPL6JUdWQuH5xCDOgyqAbBUvmiKCqfwfof4/BKZQj5d3577LqVJYmz6CBwNY5b8
Yl+Qjfq9HexjOBsg4bv0kKo6zxWC9c51AAechbrcxdJ6O6iDxyUYmYhw3nAUsDDi
X906ne7P0zKJihP4h1LZKV04QvtoupE/f/K4EyM5SjRMEnEHZZNDDnkpIC/QJbQe
zXZaeqRvyi6qX8SxtEOhKXKBE3YfRi0sCMDMqXHLzWsCAwEAAaNbMFkwDAYDVR0T
AQH/BAIwADAOBgNVHQ8BAf8EBAMCBaAwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsG
AQUFBwMCMBoGA1UdEQQTMBGCD2lkcC5leGFtcGxlLmNvbTANBgkqhkiG9w0BAQsF
AAOCAQEAjHQkQtu8bgDmlf+IPfhpSZLlS8aLdE9z0rGodnLFSkxgehybLwBRjE8L
tFdFn0N3fKGEgNsydaw4Zdwt83GIGd0BDhMI8iRdJiQXQMN+FdYj+ke+oO2Nhk+J
ALltbEpXmy+BzSBr22ofTg3XrLIIGcCCsN5+QKsZEI7XbGCeNvx4weE3veP/9dOD
42+3E7bsq8tjVRyWJ/3phyk87GWalexGOMNdXFjVSmeM3kUdvFityuP2poxuW7UC
//NnehjoNM0yqpfZPrnUvkHhQwQgGdfszWa3FiEgk5AF81zIhhdKEt1I/F6KggKJ
SGSvHDXWWEELfgxaTsOvhogPZpw/mg==
-----END CERTIFICATE-----'], false, ARRAY[]::text[], false);

-- table: sso_connections
INSERT INTO sso_connections (id, user_id, oidc_provider_id, saml_provider_id, subject, status, last_used_at, created_at, provider_kind, provider_slug, provider_label, email, last_error, last_error_at) VALUES
  ('5c5c5c5c-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000003', 'c1c1c1c1-0000-4000-8000-000000000001', NULL, '248289761001', 'active', now() - interval '3 days', now() - interval '30 days', 'oidc', 'corp', 'Corp login', 'bob@example.com', NULL, NULL),
  ('5c5c5c5c-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000004', NULL, '5a5a5a5a-0000-4000-8000-000000000001', 'carol@example.com', 'active', now() - interval '10 days', now() - interval '20 days', 'saml', 'okta', 'Okta', 'carol@example.com', NULL, NULL),
  ('5c5c5c5c-0000-4000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000002', NULL, NULL, '00u1alice', 'revoked', now() - interval '40 days', now() - interval '50 days', 'oidc', 'old-idp', 'Old IdP', 'alice@example.com', 'The provider was removed', now() - interval '35 days');

-- table: saml_requests
INSERT INTO saml_requests (id, provider_id, link_user_id, callback_path, browser_hash, created_at) VALUES
  ('_4f1e6cbd83a1c7e0d9b2', '5a5a5a5a-0000-4000-8000-000000000001', NULL, '/devices', '29136ec6dd1334551565cf7ee87c292ecfabb1173559a1098cf7dcd76b68ad8f', now() - interval '1 minute');

-- table: saml_consumed_assertions
INSERT INTO saml_consumed_assertions (provider_id, assertion_id, expires_at) VALUES
  ('5a5a5a5a-0000-4000-8000-000000000001', '_a7c3e51f0b9d4e26', now() + interval '4 minutes');

-- table: sso_tickets
INSERT INTO sso_tickets (token_hash, user_id, method, browser_hash, expires_at) VALUES
  ('04e6e2f4a06dfa95a11d3c8117cac1c3056d64a270cfa0cebff5c78da7dd2613', 'aaaaaaaa-0000-4000-8000-000000000004', 'saml:okta', '29136ec6dd1334551565cf7ee87c292ecfabb1173559a1098cf7dcd76b68ad8f', now() + interval '50 seconds');

-- table: mfa_methods
INSERT INTO mfa_methods (id, user_id, type, name, secret_encrypted, last_used_at, created_at, last_used_step) VALUES
  ('3f3f3f3f-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002', 'totp', 'Phone authenticator',
    'v2:_bZ2o4C4:kYE2K1xauOWx8RFR:Q1jluzMopby4bVYuIQ9htw==:2dlzoRVYpvbOBH3/nUuQ+3ZFr4VZQigrR4v3pUg7dV0=', now() - interval '2 days', now() - interval '58 days', 59000000);

-- table: api_tokens
INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, expires_at, last_used_at, created_at, revoked_at) VALUES
  ('7a7a7a7a-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'terraform', 'da1554a891f13bd52dbde8de323e8eccce61ce068320b4650d3f0b933e820ac8', 'wgui_7sex7U', now() + interval '20 days', now() - interval '6 hours', now() - interval '10 days', NULL),
  ('7a7a7a7a-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000002', 'old script', 'f0c5c1d1b4e58d7f1a2f0b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70', 'wgui_Qm3xZp', NULL, now() - interval '30 days', now() - interval '40 days', now() - interval '20 days');

-- table: auth_sessions
INSERT INTO auth_sessions (id, user_id, created_at, expires_at, authenticated_at) VALUES
  ('b5b5b5b5-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', now() - interval '1 hour', now() + interval '11 hours', now() - interval '1 hour'),
  ('b5b5b5b5-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000002', now() - interval '13 hours', now() - interval '1 hour', now() - interval '13 hours');

-- table: audit_events
INSERT INTO audit_events (created_at, actor_user_id, actor_email, action, target_type, target_id, ip, details, user_agent, count, fold_key, last_seen_at) VALUES
  (now() - interval '90 days', NULL, NULL, 'setup.configuration_created', NULL, NULL, NULL, '{"ipv4Network": "10.8.0.0/24", "ipv6Network": "fd00:8::/112", "listenPort": 51821, "endpoint": "vpn.example.com:51821"}', NULL, 1, NULL, NULL),
  (now() - interval '90 days', NULL, NULL, 'setup.admin_created', 'user', 'aaaaaaaa-0000-4000-8000-000000000001', NULL, '{"email": "admin@example.com"}', NULL, 1, NULL, NULL),
  (now() - interval '60 days', 'aaaaaaaa-0000-4000-8000-000000000001', 'admin@example.com', 'user.created', 'user', 'aaaaaaaa-0000-4000-8000-000000000002', '192.0.2.10', '{"email": "alice@example.com", "role": "unprivileged"}', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', 1, NULL, NULL),
  (now() - interval '55 days', 'aaaaaaaa-0000-4000-8000-000000000002', 'alice@example.com', 'device.created', 'device', 'dddddddd-0000-4000-8000-000000000002', '192.0.2.20', '{"name": "alice-laptop", "ipv4": "10.8.0.3"}', 'Mozilla/5.0 (Macintosh) Safari/605.1.15', 1, NULL, NULL),
  (now() - interval '50 days', 'aaaaaaaa-0000-4000-8000-000000000001', 'admin@example.com', 'rule.created', 'egress_rule', 'eeeeeeee-0000-4000-8000-000000000001', '192.0.2.10', '{"action": "drop", "destination": "192.168.50.10/32", "protocol": "tcp", "ports": "22"}', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', 1, NULL, NULL),
  (now() - interval '3 hours', NULL, NULL, 'auth.sign_in_failed', NULL, NULL, '203.0.113.50', '{"email": "admin@example.com", "method": "local", "reason": "invalid_credentials"}', 'curl/8.5.0', 7, 'b0e0f2f4d6c8a0b2c4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0', now() - interval '2 hours 40 minutes'),
  (now() - interval '1 day', 'aaaaaaaa-0000-4000-8000-000000000001', 'admin@example.com', 'auth.sign_in', NULL, NULL, '192.0.2.10', '{"method": "local"}', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', 1, NULL, NULL);

-- table: sign_in_failures
INSERT INTO sign_in_failures (account, ip, created_at) VALUES
  ('admin@example.com', '203.0.113.50', now() - interval '3 hours'),
  ('admin@example.com', '203.0.113.50', now() - interval '2 hours 40 minutes'),
  ('root@example.com', NULL, now() - interval '5 hours');

-- table: sign_in_known_addresses
INSERT INTO sign_in_known_addresses (account, ip, last_sign_in_at) VALUES
  ('admin@example.com', '192.0.2.10', now() - interval '1 day'),
  ('alice@example.com', '192.0.2.20', now() - interval '2 days');
