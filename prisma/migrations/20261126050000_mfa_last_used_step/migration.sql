-- MFA: the last accepted TOTP time step per method (Unix time / 30), so an accepted code cannot be replayed.
ALTER TABLE "mfa_methods" ADD COLUMN "last_used_step" INTEGER;
