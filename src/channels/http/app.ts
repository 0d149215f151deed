import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { memoryFailureLimiter } from "../../adapters/limits/memory-failure-limiter.js";
import type { CoreDeps } from "../../core/deps.js";
import { AppError } from "../../core/errors.js";
import type { FailureLimiter } from "../../ports/failure-limiter.js";
import { authFailureLimits } from "./auth-failures.js";
import { consoleRoutes } from "./console/routes.js";
import { randomSecret } from "./console/session.js";
import { notFoundHandler, onError } from "./errors.js";
import { openApiRoutes } from "./openapi.js";
import { pageRoutes } from "./pages/routes.js";
import { publicRateLimits } from "./rate-limit.js";
import { adminActionRoutes } from "./routes/admin-actions.js";
import { adminArticleRoutes } from "./routes/admin-articles.js";
import { adminContactRoutes } from "./routes/admin-contacts.js";
import { adminInsightsRoutes } from "./routes/admin-insights.js";
import { adminProfileRoutes } from "./routes/admin-profile.js";
import { adminStaffRoutes } from "./routes/admin-staff.js";
import { adminStatsRoutes } from "./routes/admin-stats.js";
import { adminWebhookRoutes } from "./routes/admin-webhooks.js";
import { agentConversationRoutes } from "./routes/agent-conversations.js";
import { agentDraftRoutes } from "./routes/agent-drafts.js";
import { chatRoutes } from "./routes/chat.js";
import { kbRoutes } from "./routes/kb.js";

export type AppOptions = {
  /** What /health reports about the model: which kind of endpoint is configured. */
  llm: "openai" | "compatible" | "offline";
  /** Extra route groups from other channels (Slack, email, staff), mounted as given. */
  mount?: { path: string; app: Hono }[];
  maxBodyBytes?: number;
  /** Origins that may call the public API from a browser and embed the chat page. */
  corsOrigins?: string[];
  rateLimits?: { perIpPerMinute: number; perTokenPerMinute: number };
  /** The client's address as the runtime knows it (socket on Node, CF-Connecting-IP on Workers). */
  clientIp?: (c: Context) => string;
  /** SSE: open streams per customer token, and how often an open stream re-checks its token. */
  streams?: { maxPerToken?: number; recheckMs?: number };
  /** Failed authentications per client address and credential; a memory limiter by default (on). */
  authFailures?: { limiter?: FailureLimiter; perMinute?: number };
  /** Staff API and console: the bootstrap admin key and the console's cookie-signing secret. */
  staff?: { adminApiKey?: string; sessionSecret?: string; publicUrl?: string };
};

/** Builds the HTTP app from injected ports; entries only wire (DESIGN.md conventions). */
export function createApp(deps: CoreDeps, options: AppOptions) {
  const app = new Hono();
  app.use(requestId());
  app.use(async (c, next) => {
    const started = Date.now();
    await next();
    deps.logger.info("http.request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.routePath ?? c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
    });
  });
  const origins = options.corsOrigins ?? [];
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // The chat page may be embedded by the widget on the configured sites only.
        frameAncestors: ["'self'", ...origins],
        formAction: ["'self'"],
      },
      xFrameOptions: false,
      crossOriginResourcePolicy: false,
      // A handler's own header wins: customer files carry "default-src 'none'; sandbox" and must keep it.
      overwrite: false,
    }),
  );
  if (origins.length > 0) {
    const allow = cors({ origin: origins, allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"], allowMethods: ["GET", "POST"], maxAge: 600 });
    app.use("/api/chat/*", allow);
    app.use("/api/kb/*", allow);
  }
  const clientIp = options.clientIp ?? ((c: Context) => c.req.header("cf-connecting-ip") ?? "unknown");
  const authLimits = authFailureLimits(
    deps,
    options.authFailures?.limiter ?? memoryFailureLimiter({ maxFailures: options.authFailures?.perMinute ?? 10, windowMs: 60_000 }),
    clientIp,
  );
  app.use("/api/agent/*", authLimits.guard("staff_key"));
  app.use("/api/admin/*", authLimits.guard("staff_key"));
  app.use("/email/*", authLimits.guard("email_inbound"));
  for (const hook of ["/slack/*", "/whatsapp/*"]) app.use(hook, authLimits.failuresOnly("webhook"));
  if (options.rateLimits) {
    const limits = publicRateLimits({ ...options.rateLimits, clientIp });
    app.use("/api/chat/*", limits.perIp);
    app.use("/api/kb/*", limits.perIp);
    app.on("POST", "/api/chat/conversations/:id/messages", limits.perToken);
  }
  // A size limit before any parsing: huge bodies are refused without being read whole.
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 16 * 1024 * 1024,
      onError: () => {
        throw new AppError("payload_too_large", "The request body is too large.");
      },
    }),
  );
  app.onError(onError(deps.logger));
  app.notFound(notFoundHandler);

  app.get("/health", async (c) => {
    const db = await deps.store.ping().catch(() => false);
    return c.json({ ok: db, db: db ? "ok" : "down", llm: options.llm }, db ? 200 : 503);
  });
  app.route("/api/chat", chatRoutes(deps, { maxStreamsPerToken: options.streams?.maxPerToken ?? 3, recheckMs: options.streams?.recheckMs ?? 5_000 }));
  app.route("/api/kb", kbRoutes(deps));
  const adminKey = options.staff?.adminApiKey;
  app.route("/api/agent/conversations", agentConversationRoutes(deps, adminKey));
  app.route("/api/agent/drafts", agentDraftRoutes(deps, adminKey));
  app.route("/api/admin/articles", adminArticleRoutes(deps, adminKey));
  app.route("/api/admin/stats", adminStatsRoutes(deps, adminKey));
  app.route("/api/admin/contacts", adminContactRoutes(deps, adminKey));
  app.route("/api/admin/profile", adminProfileRoutes(deps, adminKey));
  app.route("/api/admin/webhooks", adminWebhookRoutes(deps, adminKey));
  app.route("/api/admin/insights", adminInsightsRoutes(deps, adminKey));
  app.route("/api/admin/actions", adminActionRoutes(deps, adminKey));
  app.route("/api/admin", adminStaffRoutes(deps, adminKey));
  app.route(
    "/console",
    consoleRoutes(deps, {
      adminApiKey: adminKey,
      sessionSecret: options.staff?.sessionSecret ?? randomSecret(),
      publicUrl: options.staff?.publicUrl,
      authLimits,
    }),
  );
  for (const m of options.mount ?? []) app.route(m.path, m.app);
  app.route("/", openApiRoutes());
  app.route("/", pageRoutes());
  return app;
}
