import { z } from "zod";
import { priceTable } from "../core/llm/models.js";
import { parseWebhookEvents } from "../core/webhooks/events.js";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));
const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);

/** One schema over every setting; names and defaults are the public contract in API.md. */
export const Settings = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("./data/frontdesk.db"),
  // better-sqlite3 waits for a lock synchronously, so the whole process stalls for this long; keep it short.
  SQLITE_BUSY_TIMEOUT_MS: positiveInt(1_000),
  KNOWLEDGE_DIR: z.string().min(1).default("./knowledge"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  PUBLIC_URL: optionalString,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  LLM_API: z.enum(["responses", "chat"]).default("responses"),
  LLM_FAST_MODEL: z.string().min(1).default("gpt-5-mini"),
  LLM_FAST_EFFORT: z.enum(["none", "minimal", "low", "medium", "high"]).default("low"),
  LLM_HIGH_MODEL: optionalString,
  LLM_HIGH_EFFORT: z.enum(["none", "minimal", "low", "medium", "high"]).default("high"),
  LLM_TIMEOUT_MS: positiveInt(60_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_ASYNC_SERVICE_TIER: z.enum(["default", "flex"]).default("default"),
  LLM_PRICES: optionalString.superRefine((v, ctx) => {
    try {
      priceTable(v);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  LLM_CONTEXT_TOKENS: positiveInt(6_000),
  LLM_MAX_TOOL_ROUNDS: z.coerce.number().int().min(0).max(8).default(3),
  CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
  RETRIEVAL_MIN_SCORE: z.coerce.number().min(0).default(4),

  // Calibrated with `npm run eval` (README, "Evaluation"): the best right − 10 × wrong on the labelled set.
  OFFLINE_MIN_SCORE: z.coerce.number().min(0).default(7),
  OFFLINE_MIN_MARGIN: z.coerce.number().min(1).default(2),
  RISK_TOPICS: optionalString,

  REVIEW_MODE: z.enum(["all", "risky", "none"]).default("risky"),
  DAILY_BUDGET_USD: optionalString
    .pipe(z.string().optional())
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().positive().optional()),
  ADMIN_API_KEY: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  CONSOLE_SESSION_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  CUSTOMER_TOKEN_TTL_HOURS: positiveInt(24 * 30),
  MAX_MESSAGE_CHARS: positiveInt(8_000),
  JOB_MAX_ATTEMPTS: positiveInt(5),
  JOB_POLL_MS: positiveInt(250),
  JOB_CONCURRENCY: positiveInt(16),
  /** How long a fragment ("hi", "I can't log in") waits for the rest on live channels; 0 answers at once. */
  TURN_QUIET_MS: z.coerce.number().int().min(0).max(30_000).default(1500),
  /** The same for email, where a message is usually complete. */
  EMAIL_TURN_QUIET_MS: z.coerce.number().int().min(0).max(300_000).default(0),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_REVIEW_CHANNEL: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),

  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_API_URL: optionalString.pipe(z.url().optional()).transform((v) => v ?? "https://graph.facebook.com/v23.0"),
  /** An approved template with one body parameter: how an agent's reply reaches a customer outside the 24-hour window. */
  WHATSAPP_TEMPLATE_NAME: optionalString,
  WHATSAPP_TEMPLATE_LANGUAGE: optionalString.transform((v) => v ?? "en"),

  EMAIL_INBOUND_SECRET: optionalString,
  SMTP_URL: optionalString,
  EMAIL_FROM: optionalString,
  IMAP_URL: optionalString,
  IMAP_POLL_SECONDS: positiveInt(60),
  EMAIL_MAX_BYTES: positiveInt(25 * 1024 * 1024),
  EMAIL_MAX_ATTACHMENTS: positiveInt(50),
  EMAIL_THREAD_WINDOW_HOURS: positiveInt(24 * 14),
  EMAIL_MAX_PER_SENDER_PER_HOUR: positiveInt(20),
  EMAIL_ARTICLE_URL: optionalString,
  EMAIL_TRUSTED_AUTHSERV_ID: optionalString,

  IMAGE_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  IMAGE_MAX_PIXELS: positiveInt(40_000_000),
  IMAGE_MAX_SIDE: positiveInt(2000),
  OCR_ENABLED: bool.default(true),
  OCR_TIMEOUT_MS: positiveInt(20_000),
  OCR_WARM_START: bool.default(true),
  VISION_ENABLED: bool.default(true),
  VISION_MODEL: optionalString,
  VISION_FAST_EFFORT: z.enum(["none", "minimal", "low", "medium", "high"]).default("low"),
  VISION_HIGH_EFFORT: z.enum(["none", "minimal", "low", "medium", "high"]).default("high"),

  /** Comma-separated names of variables an action template may use as {{secret:NAME}}; nothing else is readable. */
  ACTIONS_SECRETS: optionalString.transform((v) =>
    (v ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean),
  ),
  ACTIONS_ALLOW_PRIVATE_NETWORK: bool.default(false),
  ACTIONS_TIMEOUT_MS: positiveInt(10_000),
  ACTIONS_MAX_RESPONSE_BYTES: positiveInt(1024 * 1024),
  ACTIONS_MAX_RESULT_CHARS: positiveInt(4_000),
  IDENTITY_VERIFICATION_SECRET: optionalString,

  REDACT_PII: bool.default(false),
  ATTACHMENT_RETENTION_DAYS: optionalString
    .pipe(z.string().regex(/^\d+$/, "must be a whole number of days").optional())
    .transform((v) => (v ? Number(v) : undefined)),
  CORS_ORIGINS: optionalString.transform((v) =>
    (v ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  ),
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(120),
  RATE_LIMIT_TOKEN_PER_MINUTE: positiveInt(30),
  TRUST_PROXY: bool.default(false),
  // Failed sign-ins, staff keys, inbound-mail secrets and webhook signatures per client address.
  AUTH_FAILURES_PER_MINUTE: positiveInt(10),
  SSE_MAX_STREAMS_PER_TOKEN: positiveInt(3),
  SSE_TOKEN_RECHECK_MS: positiveInt(5_000),

  // Insights and integrations (docs/insights.md, docs/webhooks.md).
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  WEBHOOK_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  WEBHOOK_SECRET_PREVIOUS: optionalString,
  WEBHOOK_EVENTS: optionalString.superRefine((v, ctx) => {
    try {
      parseWebhookEvents(v);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  WEBHOOKS_ALLOW_PRIVATE_NETWORK: bool.default(false),
});
export type Settings = z.infer<typeof Settings>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses settings once; every problem names its variable so a bad deploy says what to fix. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const result = Settings.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const value = env[name];
      const shown =
        value === undefined ? "unset" : name.includes("KEY") || name.includes("SECRET") || name.includes("TOKEN") ? "(hidden)" : JSON.stringify(value);
      return `${name}=${shown}: ${issue.message}`;
    }),
  );
}
