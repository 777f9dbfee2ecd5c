-- Settings → Authentication: "Allow identity providers on private networks" (off by default).
ALTER TABLE "configuration" ADD COLUMN     "allow_private_idp_addresses" BOOLEAN NOT NULL DEFAULT false;
