// EXPLAIN (ANALYZE) of the admin device list at 10,000 devices over 1,000 owners (as bench:web
// seeds them): each sort, each search field and the owner filter, page 1 and the count, in a
// scratch database it creates and drops. `node --import tsx scripts/explain-device-list.ts`; the
// README's table under "Devices" comes from it.
import { applyMigrations } from "../cli/database";
import { createDb } from "../lib/db/client";
import { deviceListStatements } from "../lib/db/device-list";
import { resolveDeviceListParams, type DeviceListParams } from "../lib/devices/list-params";
import { runAsAdmin, withDatabase } from "../test/database";
import { explain, seedManyDevices, type PlanSummary } from "../test/device-list-fixtures";

const DATABASE = "wiregui_explain_devices";
const ROUNDS = 5;

async function main() {
  const baseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";
  await runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await runAsAdmin(baseUrl, `CREATE DATABASE "${DATABASE}"`);
  const url = withDatabase(baseUrl, DATABASE);
  const db = createDb(url);
  try {
    applyMigrations(url);
    await seedManyDevices(db, { users: 1000, devicesPerUser: 10 });
    const [owner] = await db.user.findMany({ take: 1, select: { id: true } });
    const cases: Array<[string, Partial<DeviceListParams>]> = [
      ["sort owner (default)", {}],
      ["sort owner, page 100", { page: 100 }],
      ["sort name", { sort: "name" }],
      ["sort name desc", { sort: "name", dir: "desc" }],
      ["sort status", { sort: "status" }],
      ["sort handshake", { sort: "handshake", dir: "desc" }],
      ["sort traffic", { sort: "traffic", dir: "desc" }],
      ["sort traffic, page 200", { sort: "traffic", dir: "desc", page: 200 }],
      ["q name: device-777", { q: "device-777" }],
      ["q email: r777@ex", { q: "r777@ex" }],
      ["q email, 10 % of owners: example3", { q: "example3" }],
      ["q address: 10.64.0.77", { q: "10.64.0.77" }],
      ["q address: fd00:64::4d", { q: "fd00:64::4d" }],
      ["q key prefix: Zm9v", { q: "Zm9v" }],
      ["user filter", { userId: owner!.id, sort: "traffic", dir: "desc" }],
    ];
    console.log("| list | page: indexes | page ms | count: indexes | count ms |");
    console.log("|---|---|---:|---|---:|");
    for (const [label, overrides] of cases) {
      const statements = deviceListStatements({ ...resolveDeviceListParams({}), ...overrides }, new Date());
      const pages: PlanSummary[] = [];
      const counts: PlanSummary[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        pages.push(await explain(db, statements.page));
        counts.push(await explain(db, statements.count));
      }
      const median = (plans: PlanSummary[]) => plans.map((plan) => plan.executionMs).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
      // The primary keys only fetch the page's rows by id: left out.
      const describe = (plan: PlanSummary) => {
        const indexes = [...new Set(plan.indexes.filter((index) => !index.endsWith("_pkey")))];
        const parts = [indexes.length ? indexes.join(", ") : "no index"];
        if (plan.seqScans.length) parts.push(`reads whole: ${[...new Set(plan.seqScans)].join(", ")}`);
        if (plan.nodes.includes("Sort")) parts.push("sort");
        return parts.join("; ");
      };
      console.log(`| ${label} | ${describe(pages[0]!)} | ${median(pages).toFixed(2)} | ${describe(counts[0]!)} | ${median(counts).toFixed(2)} |`);
    }
  } finally {
    await db.$disconnect();
    await runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  }
}

await main();
