import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { acceptParticipant } from "../../../core/agent/accept-participant.js";
import { agentReply } from "../../../core/agent/agent-reply.js";
import { loadAttachmentFile } from "../../../core/agent/attachment-file.js";
import { type ConversationAction, changeConversation } from "../../../core/agent/conversation-state.js";
import { loadConversationView } from "../../../core/agent/conversation-view.js";
import type { CoreDeps } from "../../../core/deps.js";
import { AppError, badRequest, forbidden, notFound } from "../../../core/errors.js";
import { newId } from "../../../core/ids.js";
import {
  archiveArticle,
  createArticle,
  deleteArticle,
  diffArticleVersions,
  publishArticle,
  restoreArticleVersion,
  saveArticle,
} from "../../../core/knowledge/curate-article.js";
import { loadProfile } from "../../../core/profile/curate-profile.js";
import { categoryNames } from "../../../core/profile/schema.js";
import { decideDraft } from "../../../core/review/decide-draft.js";
import { authenticateStaff, BOOTSTRAP_ADMIN, staffById } from "../../../core/security/staff-auth.js";
import { createStaffMember } from "../../../core/staff/create-staff.js";
import { getStats } from "../../../core/stats/compute-stats.js";
import type { StaffMember } from "../../../core/types.js";
import type { AuthFailureLimits } from "../auth-failures.js";
import { parseRange } from "../routes/admin-stats.js";
import { attachmentResponse } from "../routes/agent-conversations.js";
import { consoleCss, consoleJs } from "./assets.js";
import { ConversationListPage, ConversationPage } from "./conversation-pages.js";
import { type InboxItem, InboxItems, InboxPage } from "./inbox-page.js";
import { insightsConsoleRoutes } from "./insights-routes.js";
import { ArticleDiffPage, ArticleEditPage, ArticleNewPage, KnowledgeListPage } from "./knowledge-pages.js";
import { Document, type Flash, type PageCtx } from "./layout.js";
import { LoginPage } from "./login-page.js";
import { renderMarkdown } from "./markdown.js";
import { randomSecret, type Session, SessionSigner } from "./session.js";
import { signOutRoutes } from "./sign-out.js";
import { StaffPage } from "./staff-page.js";
import { StatsPage } from "./stats-page.js";

export type ConsoleOptions = {
  adminApiKey?: string;
  /** Signs session cookies; a random one per process means a restart signs everyone out. */
  sessionSecret: string;
  /** Where the console is reached from outside (for the Origin check and Secure cookies). */
  publicUrl?: string;
  sessionTtlMs?: number;
  /** Failed sign-ins per client address; without it sign-in is not limited. */
  authLimits?: AuthFailureLimits;
};

export type ConsoleEnv = { Variables: { staff: StaffMember; session: Session; csrf: string } };

const SESSION_COOKIE = "fd_console";
const FLASH_COOKIE = "fd_flash";
const PATH = "/console";

function ErrorPage(props: { status: number; message: string }) {
  return (
    <Document title="Error">
      <main class="login">
        <div class="card">
          <h1>{props.status === 403 ? "Not allowed" : props.status === 404 ? "Not found" : "Something went wrong"}</h1>
          <p>{props.message}</p>
          <a href="/console/inbox">Back to the console</a>
        </div>
      </main>
    </Document>
  );
}

const STATUS: Partial<Record<AppError["code"], 400 | 401 | 403 | 404 | 409 | 413>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The staff web console: server-rendered pages, a signed HttpOnly session cookie, CSRF tokens. */
export function consoleRoutes(deps: CoreDeps, opts: ConsoleOptions) {
  const app = new Hono<ConsoleEnv>();
  const signer = new SessionSigner(opts.sessionSecret);
  const ttl = opts.sessionTtlMs ?? 12 * 3600_000;
  const publicOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : undefined;
  const secure = (c: Context) => new URL(c.req.url).protocol === "https:" || publicOrigin?.startsWith("https:") === true;

  const setFlash = (c: Context, flash: Flash) =>
    setCookie(c, FLASH_COOKIE, encodeURIComponent(JSON.stringify(flash)), { path: PATH, httpOnly: true, sameSite: "Strict", secure: secure(c), maxAge: 60 });
  const takeFlash = (c: Context): Flash | null => {
    const raw = getCookie(c, FLASH_COOKIE);
    if (!raw) return null;
    deleteCookie(c, FLASH_COOKIE, { path: PATH });
    try {
      const f = JSON.parse(decodeURIComponent(raw)) as Flash;
      return (f.kind === "ok" || f.kind === "error") && typeof f.text === "string" ? { kind: f.kind, text: f.text.slice(0, 500) } : null;
    } catch {
      return null;
    }
  };
  const ctx = (c: Context<ConsoleEnv>): PageCtx => ({ staff: c.get("staff"), csrf: c.get("csrf"), flash: takeFlash(c) });
  const fail = (c: Context, error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    return c.html(<ErrorPage status={STATUS[error.code] ?? 500} message={error.message} />, STATUS[error.code] ?? 500);
  };
  /** Runs a form action and redirects back with the outcome as a one-time message. */
  const act = async (c: Context, back: string, run: () => Promise<string | { redirect: string; text: string }>) => {
    try {
      const result = await run();
      const text = typeof result === "string" ? result : result.text;
      setFlash(c, { kind: "ok", text });
      return c.redirect(typeof result === "string" ? back : result.redirect, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      setFlash(c, { kind: "error", text: error.message });
      return c.redirect(back, 303);
    }
  };
  /** Cross-site form posts are refused even before the CSRF token is looked at. */
  const sameOrigin = (c: Context) => {
    const site = c.req.header("sec-fetch-site");
    if (site) return site === "same-origin" || site === "none";
    // With Referrer-Policy: no-referrer browsers send "Origin: null"; the CSRF token still has to match.
    const origin = c.req.header("origin");
    return !origin || origin === "null" || origin === new URL(c.req.url).origin || origin === publicOrigin;
  };
  const form = async (c: Context) => (await c.req.parseBody()) as Record<string, string | File>;

  app.use("*", async (c, next) => {
    await next();
    // Pages hold customer data and a CSRF token: never cached.
    if (!c.req.path.startsWith(`${PATH}/assets/`)) c.header("cache-control", "no-store");
  });
  // Console forms are small: an article body is the largest thing anyone posts here.
  app.use("*", bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.html(<ErrorPage status={413} message="That form is too large." />, 413) }));
  app.get("/assets/console.css", (c) => c.body(consoleCss, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "no-cache" }));
  app.get("/assets/console.js", (c) => c.body(consoleJs, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }));

  app.get("/login", (c) => c.html(<LoginPage />));
  app.post("/login", async (c) => {
    if (!sameOrigin(c)) return c.html(<LoginPage error="Sign-in must come from this site." />, 403);
    const limited = await opts.authLimits?.blockedFor(c, "console_sign_in");
    if (limited?.blocked) {
      c.header("retry-after", String(Math.ceil(limited.retryAfterMs / 1000)));
      return c.html(<LoginPage error={`Too many failed sign-ins from your address. Try again in ${Math.ceil(limited.retryAfterMs / 1000)} seconds.`} />, 429);
    }
    const key = str((await form(c)).key)?.trim();
    let staff: StaffMember;
    try {
      staff = await authenticateStaff(deps, key, opts.adminApiKey);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await opts.authLimits?.recordFailure(c, "console_sign_in");
      return c.html(<LoginPage error="That key was not accepted." />, 401);
    }
    const now = deps.clock.now();
    const session: Session = { staffId: staff.id, exp: now + ttl, nonce: randomSecret(), sid: newId() };
    await deps.store.createStaffSession({ id: session.sid, staffId: staff.id, expiresAt: session.exp }, now);
    setCookie(c, SESSION_COOKIE, await signer.sign(session), {
      path: PATH,
      httpOnly: true,
      sameSite: "Strict",
      secure: secure(c),
      maxAge: Math.floor(ttl / 1000),
    });
    deps.logger.info("console.sign_in", { staffId: staff.id });
    return c.redirect(`${PATH}/inbox`, 303);
  });

  // Everything below needs a session; form posts also need the session's CSRF token.
  app.use("*", async (c, next) => {
    const now = deps.clock.now();
    const signed = await signer.verify(getCookie(c, SESSION_COOKIE), now);
    // A signature alone is not enough: the session must still be live on the server (not signed out).
    const session = signed && (await deps.store.isStaffSessionActive(signed.sid, signed.staffId, now)) ? signed : null;
    const staff = session ? await staffById(deps, session.staffId, opts.adminApiKey) : null;
    if (!session || !staff) {
      if (c.req.method === "GET" && c.req.header("accept")?.includes("text/html") !== false && !c.req.path.endsWith("/items"))
        return c.redirect(`${PATH}/login`, 303);
      return c.text("Sign in first.", 401);
    }
    c.set("staff", staff);
    c.set("session", session);
    c.set("csrf", await signer.csrfToken(session));
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const type = c.req.header("content-type") ?? "";
      const token =
        c.req.header("x-csrf-token") ??
        (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data") ? str((await form(c))._csrf) : undefined);
      if (!sameOrigin(c) || !token || token !== c.get("csrf"))
        return c.html(<ErrorPage status={403} message="The form expired or did not come from this console. Reload the page and try again." />, 403);
    }
    await next();
  });

  app.route(
    "/",
    signOutRoutes(deps, (c) => deleteCookie(c, SESSION_COOKIE, { path: PATH })),
  );
  app.get("/", (c) => c.redirect(`${PATH}/inbox`, 303));

  const customerLabel = async (contactId: string | null, channel: string) => {
    const contact = contactId ? await deps.store.getContact(contactId) : null;
    return contact?.name || contact?.email || `${channel} customer`;
  };
  const inboxItems = async (): Promise<InboxItem[]> => {
    const drafts = await deps.store.listDrafts({ status: "pending", limit: 100 });
    return Promise.all(
      drafts.map(async (draft) => {
        const conversation = await deps.store.getConversation(draft.conversationId);
        return {
          draft,
          conversation,
          customer: await customerLabel(conversation?.contactId ?? null, conversation?.channel ?? "web"),
          question: draft.replyToMessageId ? await deps.store.getMessage(draft.replyToMessageId) : null,
        };
      }),
    );
  };
  const staffNames = async () => {
    const names: Record<string, string> = {
      [BOOTSTRAP_ADMIN.id]: BOOTSTRAP_ADMIN.name,
      policy: "review policy (sent automatically)",
      seed: "knowledge/*.md import",
      system: "system",
    };
    for (const m of await deps.store.listStaff()) names[m.id] = m.name;
    return names;
  };

  app.get("/inbox", async (c) => c.html(<InboxPage ctx={ctx(c)} items={await inboxItems()} />));
  app.get("/inbox/items", async (c) => c.html(<InboxItems items={await inboxItems()} csrf={c.get("csrf")} />));

  app.post("/drafts/:id/approve", async (c) => {
    const text = str((await form(c)).text);
    return act(c, `${PATH}/inbox`, async () => {
      const draft = await decideDraft(deps, c.req.param("id"), c.get("staff"), { action: "approve", text });
      return draft.editedText !== null ? "Approved with your edit and sent." : "Approved and sent.";
    });
  });
  app.post("/drafts/:id/reject", async (c) => {
    const reason = str((await form(c)).reason) ?? "";
    return act(c, `${PATH}/inbox`, async () => {
      await decideDraft(deps, c.req.param("id"), c.get("staff"), { action: "reject", reason });
      return "Rejected; the conversation is handed to a person.";
    });
  });

  app.get("/conversations", async (c) => {
    const q = c.req.query();
    const filter = {
      status: q.status || undefined,
      channel: q.channel || undefined,
      priority: q.priority || undefined,
      category: q.category || undefined,
      language: q.language || undefined,
      sentiment: q.sentiment || undefined,
      assignee: q.assignee || undefined,
      sort: q.sort === "due" ? ("due" as const) : undefined,
    };
    const list = await deps.store.listConversations({
      status: ["open", "waiting", "handed_off", "resolved"].includes(filter.status ?? "") ? (filter.status as "open") : undefined,
      channel: ["web", "slack", "email"].includes(filter.channel ?? "") ? (filter.channel as "web") : undefined,
      priority: filter.priority?.slice(0, 50),
      category: filter.category?.slice(0, 100),
      language: /^[a-z]{2}$/.test(filter.language ?? "") ? filter.language : undefined,
      sentiment: filter.sentiment?.slice(0, 20),
      assigneeId: filter.assignee === "me" ? c.get("staff").id : undefined,
      sort: filter.sort,
      limit: 100,
    });
    const rows = await Promise.all(
      list.map(async (conversation) => ({ conversation, customer: await customerLabel(conversation.contactId, conversation.channel) })),
    );
    const categories = categoryNames(await loadProfile(deps.store));
    return c.html(<ConversationListPage ctx={ctx(c)} filter={filter} rows={rows} categories={categories} now={deps.clock.now()} />);
  });
  app.get("/conversations/:id", async (c) => {
    try {
      const view = await loadConversationView(deps, c.req.param("id"));
      const previous = view.conversation.previousConversationId ? await deps.store.getConversation(view.conversation.previousConversationId) : null;
      const previousContact = previous ? await customerLabel(previous.contactId, previous.channel) : null;
      return c.html(<ConversationPage ctx={ctx(c)} view={view} names={await staffNames()} previousContact={previousContact} />);
    } catch (error) {
      return fail(c, error);
    }
  });
  app.get("/conversations/:id/attachments/:attachmentId", async (c) => {
    try {
      return attachmentResponse(await loadAttachmentFile(deps, c.req.param("id"), c.req.param("attachmentId")));
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post("/conversations/:id/messages", async (c) => {
    const id = c.req.param("id");
    const text = str((await form(c)).text) ?? "";
    return act(c, `${PATH}/conversations/${id}`, async () => {
      await agentReply(deps, id, c.get("staff"), text);
      return "Reply sent.";
    });
  });
  app.post("/conversations/:id/participants", async (c) => {
    const id = c.req.param("id");
    const address = str((await form(c)).address) ?? "";
    return act(c, `${PATH}/conversations/${id}`, async () => {
      await acceptParticipant(deps, id, c.get("staff"), address);
      return "Accepted: mail from that address now joins this thread and gets its replies.";
    });
  });
  const actions: Record<string, (body: Record<string, string | File>) => ConversationAction> = {
    assign: () => ({ action: "assign" }),
    handoff: (b) => ({ action: "handoff", reason: str(b.reason) }),
    release: () => ({ action: "release" }),
    resolve: () => ({ action: "resolve" }),
  };
  for (const [name, build] of Object.entries(actions))
    app.post(`/conversations/:id/${name}`, async (c) => {
      const id = c.req.param("id");
      const body = await form(c);
      return act(c, `${PATH}/conversations/${id}`, async () => {
        await changeConversation(deps, id, c.get("staff"), build(body));
        return { assign: "Assigned to you.", handoff: "You have taken over.", release: "Handed back to the bot.", resolve: "Resolved." }[name] ?? "Done.";
      });
    });

  // Admin pages.
  const admin = app;
  for (const path of ["/knowledge", "/knowledge/*", "/stats", "/stats/*", "/staff", "/staff/*", "/insights", "/insights/*", "/webhooks", "/webhooks/*"])
    app.use(path, async (c, next) => {
      if (c.get("staff").role !== "admin") return fail(c, forbidden("This page is for admins."));
      await next();
    });
  const tagsOf = (v: unknown) =>
    (str(v) ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
  const questionsOf = (v: unknown) => (str(v) ?? "").split("\n").filter((q) => q.trim());

  admin.get("/knowledge", async (c) => {
    const status = c.req.query("status");
    const q = c.req.query("q")?.slice(0, 200);
    const articles = await deps.store.listArticles({
      status: ["draft", "published", "archived"].includes(status ?? "") ? (status as "draft") : undefined,
      q: q || undefined,
    });
    return c.html(<KnowledgeListPage ctx={ctx(c)} articles={articles} status={status} q={q} />);
  });
  admin.post("/knowledge/preview", async (c) => {
    const text = (await c.req.text()).slice(0, 200_000);
    return c.html(renderMarkdown(text));
  });
  admin.get("/knowledge/new", (c) => c.html(<ArticleNewPage ctx={ctx(c)} />));
  admin.post("/knowledge/new", async (c) => {
    const b = await form(c);
    return act(c, `${PATH}/knowledge/new`, async () => {
      const publish = str(b.intent) === "publish";
      const a = await createArticle(deps, c.get("staff"), {
        title: str(b.title) ?? "",
        body: str(b.body) ?? "",
        tags: tagsOf(b.tags),
        questions: questionsOf(b.questions),
        slug: str(b.slug),
        publish,
      });
      return { redirect: `${PATH}/knowledge/${a.id}`, text: publish ? "Created and published." : "Created as a draft." };
    });
  });
  admin.get("/knowledge/:id", async (c) => {
    try {
      const article = await deps.store.getArticle(c.req.param("id"));
      if (!article) throw notFound("Article");
      const [versions, audit, names] = await Promise.all([
        deps.store.listVersions(article.id),
        deps.store.listAudit({ entity: "article", entityId: article.id, limit: 100 }),
        staffNames(),
      ]);
      return c.html(<ArticleEditPage ctx={ctx(c)} article={article} versions={versions} audit={audit} names={names} />);
    } catch (error) {
      return fail(c, error);
    }
  });
  admin.get("/knowledge/:id/diff", async (c) => {
    try {
      const article = await deps.store.getArticle(c.req.param("id"));
      if (!article) throw notFound("Article");
      const n = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
      const diff = await diffArticleVersions(deps, article.id, n(c.req.query("from")), n(c.req.query("to")));
      return c.html(<ArticleDiffPage ctx={ctx(c)} article={article} diff={diff} />);
    } catch (error) {
      return fail(c, error);
    }
  });
  admin.post("/knowledge/:id", async (c) => {
    const id = c.req.param("id");
    const b = await form(c);
    return act(c, `${PATH}/knowledge/${id}`, async () => {
      const publish = str(b.intent) === "publish";
      const a = await saveArticle(deps, c.get("staff"), id, {
        title: str(b.title) ?? "",
        body: str(b.body) ?? "",
        tags: tagsOf(b.tags),
        questions: questionsOf(b.questions),
        publish,
      });
      return publish ? `Saved and published v${a.publishedVersion}.` : `Saved v${a.latestVersion}.`;
    });
  });
  const versionOf = (b: Record<string, string | File>) => {
    const v = str(b.version);
    if (v !== undefined && !/^\d+$/.test(v)) throw badRequest("Bad version.");
    return v === undefined ? undefined : Number(v);
  };
  admin.post("/knowledge/:id/publish", async (c) => {
    const id = c.req.param("id");
    const b = await form(c);
    return act(c, `${PATH}/knowledge/${id}`, async () => `Published v${(await publishArticle(deps, c.get("staff"), id, versionOf(b))).publishedVersion}.`);
  });
  admin.post("/knowledge/:id/archive", async (c) => {
    const id = c.req.param("id");
    return act(c, `${PATH}/knowledge/${id}`, async () => {
      await archiveArticle(deps, c.get("staff"), id);
      return "Archived: it no longer appears in search.";
    });
  });
  admin.post("/knowledge/:id/restore", async (c) => {
    const id = c.req.param("id");
    const b = await form(c);
    return act(c, `${PATH}/knowledge/${id}`, async () => {
      const version = versionOf(b);
      if (version === undefined) throw badRequest("Which version?");
      const a = await restoreArticleVersion(deps, c.get("staff"), id, version);
      return `Restored v${version} as v${a.latestVersion} (not published yet).`;
    });
  });
  admin.post("/knowledge/:id/delete", async (c) => {
    const id = c.req.param("id");
    return act(c, `${PATH}/knowledge/${id}`, async () => {
      await deleteArticle(deps, c.get("staff"), id);
      return { redirect: `${PATH}/knowledge`, text: "Deleted." };
    });
  });

  admin.get("/stats", async (c) => {
    const from = c.req.query("from") || undefined;
    const to = c.req.query("to") || undefined;
    try {
      const range = parseRange({ from, to }, deps.clock.now());
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const stats = await getStats(deps, range);
      return c.html(<StatsPage ctx={ctx(c)} stats={stats} from={day(range.from)} to={day(range.to - 1)} />);
    } catch (error) {
      return fail(c, error);
    }
  });

  insightsConsoleRoutes(admin, deps, { ctx, fail, act });

  admin.get("/staff", async (c) => c.html(<StaffPage ctx={ctx(c)} staff={await deps.store.listStaff()} />));
  admin.post("/staff", async (c) => {
    const b = await form(c);
    const role = str(b.role);
    if (role !== "agent" && role !== "admin") return fail(c, badRequest("Role must be agent or admin."));
    const email = str(b.email)?.trim();
    try {
      if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) throw badRequest("That email address does not look right.");
      const created = await createStaffMember(deps, { name: str(b.name) ?? "", role, email: email || null }, c.get("staff").id);
      // Rendered directly, not redirected: the key must never sit in a cookie or a URL.
      return c.html(<StaffPage ctx={ctx(c)} staff={await deps.store.listStaff()} created={created} />, 201);
    } catch (error) {
      return fail(c, error);
    }
  });
  admin.post("/staff/:id/disable", async (c) => {
    const id = c.req.param("id");
    return act(c, `${PATH}/staff`, async () => {
      if (id === c.get("staff").id) throw badRequest("You cannot revoke your own key here.");
      const ok = await deps.store.disableStaff(id, deps.clock.now(), {
        id: newId(),
        actor: c.get("staff").id,
        action: "staff.disable",
        entity: "staff",
        entityId: id,
      });
      if (!ok) throw notFound("Staff member");
      return "Key revoked.";
    });
  });
  return app;
}
