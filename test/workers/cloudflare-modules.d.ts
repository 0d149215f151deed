/// <reference types="vite/client" />
// The slice of the `cloudflare:test` / `cloudflare:workers` modules these tests use, typed with the
// module form of @cloudflare/workers-types: the project's tsconfig stays on DOM types, whose globals
// clash with the Workers ones that @cloudflare/vitest-pool-workers/types expects.
declare module "cloudflare:test" {
  import type { D1Database, ExecutionContext, MessageBatch, ScheduledController } from "@cloudflare/workers-types/index.ts";
  export type D1Migration = { name: string; queries: string[] };
  export function applyD1Migrations(db: D1Database, migrations: D1Migration[], migrationsTableName?: string): Promise<void>;
  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): ScheduledController;
  export function createMessageBatch<Body = unknown>(
    queueName: string,
    messages: { id: string; timestamp: Date; attempts: number; body: Body }[],
  ): MessageBatch<Body>;
  export function getQueueResult(
    batch: MessageBatch,
    ctx: ExecutionContext,
  ): Promise<{ outcome: string; ackAll: boolean; retryBatch: { retry: boolean }; explicitAcks: string[]; retryMessages: { msgId: string }[] }>;
}

declare module "cloudflare:workers" {
  import type { D1Migration } from "cloudflare:test";
  import type { WorkerEnv } from "../../src/entry/worker.js";
  export const env: WorkerEnv & { TEST_MIGRATIONS: D1Migration[]; SLACK_SIGNING_SECRET: string; ADMIN_API_KEY: string; SLACK_API_URL: string };
  export const exports: { default: { fetch(input: Request | string, init?: RequestInit): Promise<Response> } };
}
