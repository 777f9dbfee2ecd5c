// Registers the demo user and the mock clients of the local stack (and of compose's integration
// profile) as devices, through the app's own device service: keys and configurations are generated
// exactly as a user gets them. Each run replaces the mock clients' devices, because the server
// never keeps a client's private key; other devices are left alone.
//
//   node --import tsx scripts/stack-clients.ts --out DIR [--count 3] [--name-prefix wguic] [--extra-allowed-ips CIDR,CIDR] [--ping ADDRESS,ADDRESS]
//   node --import tsx scripts/stack-clients.ts --out DIR --full-tunnel wguift   (one full-tunnel device)
// writes DIR/<prefix>N.conf (0600, with the private key), DIR/<prefix>N.peers (the addresses the
// client pings, space-separated: the server's tunnel addresses and the --ping ones, which is what
// client isolation's defaults allow; clients do not ping each other) and DIR/demo-credentials the
// first time the demo user is made.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generatePassword, hashPassword } from "../lib/auth/password";
import { SecretBox } from "../lib/crypto/secret-box";
import { createDb, type Db } from "../lib/db/client";
import { deleteDeviceRow, listDevices, type DeviceRow } from "../lib/db/devices";
import { createUser, findUserByEmail } from "../lib/db/users";
import { deviceSettingsSchema } from "../lib/devices/schemas";
import { createDevice, requireConfiguration } from "../lib/devices/service";
import { getEnv } from "../lib/env";
import { gatewayAddress } from "../lib/net/allocate";

const DEMO_EMAIL = "demo@wiregui.local";


async function ensureDemoUser(db: Db, out: string) {
  const existing = await findUserByEmail(db, DEMO_EMAIL);
  if (existing) return existing;
  const password = generatePassword();
  const user = await createUser(db, { email: DEMO_EMAIL, passwordHash: await hashPassword(password), role: "unprivileged" });
  await writeSecretFile(join(out, "demo-credentials"), `${DEMO_EMAIL} ${password}\n`);
  console.log(`Created the demo user ${DEMO_EMAIL} (password in ${join(out, "demo-credentials")})`);
  return user;
}

async function writeSecretFile(path: string, content: string) {
  await writeFile(path, content, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function registerMockClients(db: Db, secretBox: SecretBox, out: string, count: number, namePrefix: string, extraAllowedIps: string[], pingTargets: string[]): Promise<DeviceRow[]> {
  const mockClientName = (index: number) => `${namePrefix}${index}`;
  const configuration = await requireConfiguration(db);
  const user = await ensureDemoUser(db, out);
  const existing = await listDevices(db, { userId: user.id });
  const devices: DeviceRow[] = [];
  for (let index = 1; index <= count; index += 1) {
    const name = mockClientName(index);
    const earlier = existing.find((device) => device.name === name);
    if (earlier) await deleteDeviceRow(db, earlier.id);
    const settings = deviceSettingsSchema.parse({
      name,
      description: `Mock client ${index} of the local stack: pings the server${pingTargets.length > 0 ? ` and ${pingTargets.join(", ")}` : ""} through the tunnel`,
      // Only the tunnel networks and the stack's destination namespace: never anything else.
      useDefaultAllowedIps: false,
      allowedIps: [configuration.ipv4Network, configuration.ipv6Network, ...extraAllowedIps],
    });
    const { device, config } = await createDevice(db, secretBox, { userId: user.id, settings });
    await writeSecretFile(join(out, `${name}.conf`), config);
    devices.push(device);
    console.log(`${earlier ? "Replaced" : "Created"} device ${name}: ${device.ipv4}, ${device.ipv6} (public key ${device.publicKey})`);
  }
  const targets = [gatewayAddress(configuration.ipv4Network), gatewayAddress(configuration.ipv6Network), ...pingTargets];
  for (const index of devices.keys()) await writeFile(join(out, `${mockClientName(index + 1)}.peers`), `${targets.join(" ")}\n`);
  return devices;
}

/** A full-tunnel device (AllowedIPs 0.0.0.0/0, ::/0): DIR/<name>.conf, for a client namespace only. */
async function registerFullTunnelClient(db: Db, secretBox: SecretBox, out: string, name: string) {
  const user = await ensureDemoUser(db, out);
  const earlier = (await listDevices(db, { userId: user.id })).find((device) => device.name === name);
  if (earlier) await deleteDeviceRow(db, earlier.id);
  const settings = deviceSettingsSchema.parse({
    name,
    description: "Full-tunnel mock client of the local stack: reaches the public host only through the server's NAT",
    useDefaultAllowedIps: false,
    allowedIps: ["0.0.0.0/0", "::/0"],
  });
  const { device, config } = await createDevice(db, secretBox, { userId: user.id, settings });
  await writeSecretFile(join(out, `${name}.conf`), config);
  console.log(`${earlier ? "Replaced" : "Created"} full-tunnel device ${name}: ${device.ipv4}, ${device.ipv6} (public key ${device.publicKey})`);
}

async function main() {
  const { values } = parseArgs({
    options: { out: { type: "string" }, count: { type: "string", default: "3" }, "name-prefix": { type: "string", default: "wguic" }, "extra-allowed-ips": { type: "string", default: "" }, ping: { type: "string", default: "" }, "full-tunnel": { type: "string" } },
  });
  const count = Number(values.count);
  const namePrefix = values["name-prefix"];
  const fullTunnel = values["full-tunnel"];
  const pingTargets = values.ping.split(",").filter(Boolean);
  const badTarget = pingTargets.find((address) => isIP(address) === 0);
  if (!values.out || !Number.isInteger(count) || count < 1 || count > 9 || !/^[a-z]{1,10}$/.test(namePrefix) || (fullTunnel !== undefined && !/^[a-z]{1,12}$/.test(fullTunnel)) || badTarget !== undefined) {
    if (badTarget !== undefined) console.error(`stack-clients: --ping takes IP addresses separated by commas, not "${badTarget}"`);
    console.error("usage: stack-clients.ts --out DIR [--count 1-9] [--name-prefix letters] [--extra-allowed-ips CIDR,CIDR] [--ping ADDRESS,ADDRESS] | --out DIR --full-tunnel NAME");
    process.exit(2);
  }
  const env = getEnv();
  const db = createDb(env.DATABASE_URL);
  try {
    await mkdir(values.out, { recursive: true, mode: 0o700 });
    const extraAllowedIps = values["extra-allowed-ips"].split(",").filter(Boolean);
    if (fullTunnel !== undefined) await registerFullTunnelClient(db, new SecretBox(env.AUTH_SECRET), values.out, fullTunnel);
    else await registerMockClients(db, new SecretBox(env.AUTH_SECRET), values.out, count, namePrefix, extraAllowedIps, pingTargets);
  } catch (error) {
    console.error(`stack-clients: error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

await main();
