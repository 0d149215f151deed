import { z } from "zod";

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
  LLM_PRICES: optionalString,
  LLM_CONTEXT_TOKENS: positiveInt(6_000),
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
  CUSTOMER_TOKEN_TTL_HOURS: positiveInt(24 * 30),
  MAX_MESSAGE_CHARS: positiveInt(8_000),
  JOB_MAX_ATTEMPTS: positiveInt(5),
  JOB_POLL_MS: positiveInt(250),
  JOB_CONCURRENCY: positiveInt(16),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_REVIEW_CHANNEL: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),

  EMAIL_INBOUND_SECRET: optionalString,
  SMTP_URL: optionalString,
  EMAIL_FROM: optionalString,
  IMAP_URL: optionalString,

  REDACT_PII: bool.default(false),
  CORS_ORIGINS: optionalString,
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
