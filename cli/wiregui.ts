// The WireGUI command line: first-run setup, admin password reset and the audit prune.
// Every failure prints one line naming the problem and exits non-zero.
import { Command, Option } from "commander";

import { deriveEncryptionKey, encodeEncryptionKey } from "../lib/crypto/keys";
import { describePrune, pruneExpiredRecords } from "../lib/audit/retention";
import { SecretBox } from "../lib/crypto/secret-box";
import { createDb, type Db } from "../lib/db/client";
import { getConfiguration } from "../lib/db/configuration";
import { findFirstAdmin } from "../lib/db/users";
import { EnvError, parseAuthSecret, parseEnv, type Env } from "../lib/env";
import { resetAdminPassword } from "../lib/setup/reset-admin-password";
import { applySetup, type SetupSettings } from "../lib/setup/setup";
import { emailSchema, passwordSchema } from "../lib/validation/account";
import { endpointSchema, tunnelV4NetworkSchema, tunnelV6NetworkSchema } from "../lib/validation/network";
import { applyMigrations, checkDatabaseConnection } from "./database";
import { askSecret, askValid, isInteractiveTerminal } from "./prompt";
import { z } from "zod";

class CliError extends Error {}

const listenPortSchema = z
  .string()
  .regex(/^\d+$/, "must be 1-65535")
  .transform(Number)
  .refine((port) => port >= 1 && port <= 65535, "must be 1-65535");

function check<S extends z.ZodType>(schema: S, value: string, name: string, isSecret = false): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CliError(`${name} ${result.error.issues[0]?.message ?? "is invalid"}${isSecret ? "" : ` (got "${value}")`}`);
  return result.data;
}

function problemWith(schema: z.ZodType, value: string): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : `That ${result.error.issues[0]?.message ?? "is invalid"}.`;
}

function loadEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) throw new CliError(error.message);
    throw error;
  }
}

async function openDatabase(env: Env): Promise<Db> {
  await checkDatabaseConnection(env.DATABASE_URL);
  console.log(`Database reachable.`);
  console.log(applyMigrations(env.DATABASE_URL));
  return createDb(env.DATABASE_URL);
}

interface SetupOptions {
  adminEmail?: string;
  adminPassword?: string;
  generatePassword?: boolean;
  endpoint?: string;
  ipv4Network?: string;
  ipv6Network?: string;
  listenPort?: string;
  interactive: boolean;
}

async function runSetup(options: SetupOptions) {
  const env = loadEnv();
  const isInteractive = options.interactive && isInteractiveTerminal();
  const given = {
    email: options.adminEmail ?? process.env.WIREGUI_ADMIN_EMAIL,
    password: options.adminPassword ?? process.env.WIREGUI_ADMIN_PASSWORD,
    endpoint: options.endpoint ?? process.env.WG_ENDPOINT,
    ipv4Network: options.ipv4Network ?? process.env.WG_IPV4_NETWORK,
    ipv6Network: options.ipv6Network ?? process.env.WG_IPV6_NETWORK,
    listenPort: options.listenPort ?? process.env.WG_LISTEN_PORT,
  };
  // Everything given is checked before the database is touched.
  let email = given.email ? check(emailSchema, given.email, "--admin-email") : undefined;
  let password = given.password ? check(passwordSchema, given.password, "--admin-password", true) : null;
  if (password && options.generatePassword) throw new CliError("--admin-password and --generate-password cannot be used together");
  const explicit = new Set<keyof SetupSettings>();
  const settings: SetupSettings = {
    ipv4Network: given.ipv4Network ? check(tunnelV4NetworkSchema, given.ipv4Network, "--ipv4-network") : env.WG_IPV4_NETWORK,
    ipv6Network: given.ipv6Network ? check(tunnelV6NetworkSchema, given.ipv6Network, "--ipv6-network") : env.WG_IPV6_NETWORK,
    listenPort: given.listenPort ? check(listenPortSchema, given.listenPort, "--listen-port") : env.WG_LISTEN_PORT,
    endpoint: "",
  };
  for (const key of ["ipv4Network", "ipv6Network", "listenPort"] as const) if (given[key]) explicit.add(key);
  if (given.endpoint) {
    settings.endpoint = check(endpointSchema, given.endpoint, "--endpoint");
    explicit.add("endpoint");
  } else {
    settings.endpoint = `${new URL(env.EXTERNAL_URL).hostname}:${settings.listenPort}`;
  }

  const db = await openDatabase(env);
  try {
    const [existingAdmin, existingConfiguration] = await Promise.all([findFirstAdmin(db), getConfiguration(db)]);
    if (isInteractive && !existingConfiguration) {
      if (!given.endpoint) {
        settings.endpoint = await askValid("Endpoint clients connect to (host[:port])", (value) => problemWith(endpointSchema, value), settings.endpoint);
        explicit.add("endpoint");
      }
      if (!given.ipv4Network) settings.ipv4Network = await askValid("IPv4 tunnel network", (value) => problemWith(tunnelV4NetworkSchema, value), settings.ipv4Network);
      if (!given.ipv6Network) settings.ipv6Network = await askValid("IPv6 tunnel network", (value) => problemWith(tunnelV6NetworkSchema, value), settings.ipv6Network);
    }
    if (!existingAdmin && !email && isInteractive) {
      email = emailSchema.parse(await askValid("First admin's email", (value) => problemWith(emailSchema, value)));
    }
    if (!existingAdmin && !password && !options.generatePassword && isInteractive) {
      password = await askAdminPassword();
    }

    const report = await applySetup(db, new SecretBox(env.AUTH_SECRET), {
      admin: email ? { email, password } : null,
      settings,
      explicit,
    });
    for (const line of report.lines) console.log(`- ${line}`);
    if (report.generatedPassword) printGeneratedPassword(email ?? "", report.generatedPassword);
    console.log(`Setup complete. Sign in at ${env.EXTERNAL_URL}`);
  } finally {
    await db.$disconnect();
  }
}

async function askAdminPassword(): Promise<string | null> {
  for (;;) {
    const first = await askSecret("Admin password (leave empty to generate one)");
    if (!first) return null;
    const problem = problemWith(passwordSchema, first);
    if (problem) {
      console.error(`  ${problem}`);
      continue;
    }
    if ((await askSecret("Repeat the password")) === first) return first;
    console.error("  The passwords do not match.");
  }
}

function printGeneratedPassword(email: string, password: string) {
  console.log("");
  console.log("  Generated password (shown once, store it now):");
  console.log(`    ${email}  ${password}`);
  console.log("");
}

async function runResetAdminPassword(options: { email?: string; password?: string; interactive: boolean }) {
  const env = loadEnv();
  const email = options.email ? check(emailSchema, options.email, "--email") : null;
  let password = options.password ? check(passwordSchema, options.password, "--password", true) : null;
  const db = await openDatabase(env);
  try {
    if (!password && options.interactive && isInteractiveTerminal()) password = await askAdminPassword();
    const result = await resetAdminPassword(db, { email, password });
    console.log(`- Password of ${result.email} changed; their existing sessions were signed out.`);
    console.log(`- API tokens revoked: ${result.revokedTokens} (a new password ends every token of the account).`);
    if (result.wasReenabled) console.log(`- ${result.email} was disabled and is enabled again.`);
    if (result.localAuthReenabled) console.log("- Password sign-in was turned off and is on again.");
    if (result.generatedPassword) printGeneratedPassword(result.email, result.generatedPassword);
  } finally {
    await db.$disconnect();
  }
}

/** The collector's WIREGUI_ENCRYPTION_KEY, derived from AUTH_SECRET; nothing else is needed. */
function runPrintEncryptionKey() {
  let authSecret: string;
  try {
    authSecret = parseAuthSecret(process.env);
  } catch (error) {
    if (error instanceof EnvError) throw new CliError(error.message);
    throw error;
  }
  console.log(encodeEncryptionKey(deriveEncryptionKey(authSecret)));
}

/** What the web app does daily, once and now (e.g. from cron when no web process runs for long). */
async function runPruneAudit() {
  const env = loadEnv();
  await checkDatabaseConnection(env.DATABASE_URL);
  const db = createDb(env.DATABASE_URL);
  try {
    console.log(`- ${capitalize(describePrune(await pruneExpiredRecords(db)))}.`);
  } finally {
    await db.$disconnect();
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function exitWithError(command: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`wiregui ${command}: error: ${message}`);
  process.exit(1);
}

const program = new Command("wiregui").description("WireGUI command line").showHelpAfterError();

program
  .command("setup")
  .description("First-run setup: migrate the database, create the server keypair and the first admin. Safe to re-run.")
  .option("--admin-email <email>", "first admin's email (env WIREGUI_ADMIN_EMAIL)")
  .option("--admin-password <password>", "first admin's password (env WIREGUI_ADMIN_PASSWORD; prefer the variable, flags show in ps)")
  .option("--generate-password", "generate the admin password and print it once")
  .option("--endpoint <host[:port]>", "endpoint clients connect to (env WG_ENDPOINT; default: EXTERNAL_URL's host and the listen port)")
  .option("--ipv4-network <cidr>", "IPv4 tunnel network (env WG_IPV4_NETWORK; default 10.3.2.0/24)")
  .option("--ipv6-network <cidr>", "IPv6 tunnel network (env WG_IPV6_NETWORK; default fd00::3:2:0/120)")
  .option("--listen-port <port>", "WireGuard listen port (env WG_LISTEN_PORT; default 51820)")
  .addOption(new Option("--no-interactive", "never prompt; fail if something required is missing"))
  .action((options: SetupOptions) => runSetup(options).catch((error: unknown) => exitWithError("setup", error)));

program
  .command("reset-admin-password")
  .description("Set a new password for an admin (the first admin if --email is not given), sign out their sessions and revoke their API tokens.")
  .option("--email <email>", "the admin's email")
  .option("--password <password>", "the new password (otherwise asked on a terminal, or generated and printed once)")
  .addOption(new Option("--no-interactive", "never prompt; generate the password if none is given"))
  .action((options: { email?: string; password?: string; interactive: boolean }) =>
    runResetAdminPassword(options).catch((error: unknown) => exitWithError("reset-admin-password", error)),
  );

program
  .command("print-encryption-key")
  .description("Print WIREGUI_ENCRYPTION_KEY for the collector, derived from AUTH_SECRET (the collector gets this, never AUTH_SECRET).")
  .action(() => {
    try {
      runPrintEncryptionKey();
    } catch (error) {
      exitWithError("print-encryption-key", error);
    }
  });

program
  .command("prune-audit")
  .description("Delete audit events older than the retention set on Settings → Security, and expired sign-in throttle rows (the web app does this daily).")
  .action(() => runPruneAudit().catch((error: unknown) => exitWithError("prune-audit", error)));

await program.parseAsync(process.argv);
