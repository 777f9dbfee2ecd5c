// Prisma 6.19 CLI with its Wasm schema engine ("js") and the pg driver adapter: the
// native engines cannot be downloaded on our machines (README, "Pinned versions").
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// `prisma generate` never connects, but the CLI still needs a URL to load the schema.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/wiregui";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
