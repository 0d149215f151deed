import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Tests run inside workerd (Miniflare) with the real wrangler.toml bindings: local D1 with the
// drizzle/ migrations, the jobs queue and its DLQ, the live Durable Object. Nothing leaves 127.0.0.1.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL("./drizzle", import.meta.url)));
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        main: "./src/entry/worker.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            LOG_LEVEL: "warn",
            SLACK_SIGNING_SECRET: "test-signing-secret-0123456789",
            ADMIN_API_KEY: "test-admin-key-0123456789abcdef",
            SLACK_BOT_TOKEN: "xoxb-test-token",
            SLACK_API_URL: inject("fakeSlackApiUrl"),
            FAKE_OPENAI_URL: inject("fakeOpenAiUrl"),
          },
        },
      })),
    ],
    test: {
      include: ["test/workers/**/*.test.ts"],
      setupFiles: ["./test/workers/apply-migrations.ts"],
      globalSetup: ["./test/workers/fake-slack-api.ts", "./test/workers/fake-openai-setup.ts"],
      testTimeout: 20_000,
      hookTimeout: 30_000,
    },
  };
});
