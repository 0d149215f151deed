import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { CoreDeps } from "../../core/deps.js";
import { AppError } from "../../core/errors.js";
import { consoleRoutes } from "./console/routes.js";
import { randomSecret } from "./console/session.js";
import { notFoundHandler, onError } from "./errors.js";
import { pageRoutes } from "./pages/routes.js";
import { adminArticleRoutes } from "./routes/admin-articles.js";
import { adminStaffRoutes } from "./routes/admin-staff.js";
import { adminStatsRoutes } from "./routes/admin-stats.js";
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
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginResourcePolicy: false,
    }),
  );
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
  app.route("/api/chat", chatRoutes(deps));
  app.route("/api/kb", kbRoutes(deps));
  const adminKey = options.staff?.adminApiKey;
  app.route("/api/agent/conversations", agentConversationRoutes(deps, adminKey));
  app.route("/api/agent/drafts", agentDraftRoutes(deps, adminKey));
  app.route("/api/admin/articles", adminArticleRoutes(deps, adminKey));
  app.route("/api/admin/stats", adminStatsRoutes(deps, adminKey));
  app.route("/api/admin", adminStaffRoutes(deps, adminKey));
  app.route(
    "/console",
    consoleRoutes(deps, { adminApiKey: adminKey, sessionSecret: options.staff?.sessionSecret ?? randomSecret(), publicUrl: options.staff?.publicUrl }),
  );
  for (const m of options.mount ?? []) app.route(m.path, m.app);
  app.route("/", pageRoutes());
  return app;
}
