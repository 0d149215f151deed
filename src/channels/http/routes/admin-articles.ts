import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { notFound } from "../../../core/errors.js";
import {
  archiveArticle,
  createArticle,
  deleteArticle,
  diffArticleVersions,
  MAX_ARTICLE_CHARS,
  MAX_QUESTIONS,
  publishArticle,
  restoreArticleVersion,
  saveArticle,
} from "../../../core/knowledge/curate-article.js";
import { iso, optionalJsonBody, type StaffEnv, staffGuard } from "../staff-guard.js";
import { jsonBody, parseWith } from "../validate.js";

const Content = {
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(MAX_ARTICLE_CHARS),
  tags: z.array(z.string().max(50)).max(20).optional(),
  // Example phrasings customers use for this article's question (searched; omitted on edit: kept).
  questions: z.array(z.string().min(1).max(300)).max(MAX_QUESTIONS).optional(),
};
export const NewArticle = z.object({ ...Content, slug: z.string().max(100).optional(), publish: z.boolean().optional() }).strict();
export const EditArticle = z.object({ ...Content, publish: z.boolean().optional() }).strict();
const Publish = z.object({ version: z.number().int().positive().optional() }).strict();
const Restore = z.object({ version: z.number().int().positive(), publish: z.boolean().optional() }).strict();
const ListQuery = z.object({ status: z.enum(["draft", "published", "archived"]).optional(), q: z.string().max(200).optional() });
const DiffQuery = z.object({ from: z.coerce.number().int().positive().optional(), to: z.coerce.number().int().positive().optional() });
const IdParam = z.object({ id: z.string().min(1).max(100) });

type Article = NonNullable<Awaited<ReturnType<CoreDeps["store"]["getArticle"]>>>;
const articleJson = ({ seedHash: _h, ...a }: Article) => ({ ...a, updatedAt: iso(a.updatedAt) });

/** /api/admin/articles: knowledge curation; every change is a version and an audit entry. */
export function adminArticleRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));

  app.get("/", async (c) => {
    const q = parseWith(ListQuery, c.req.query());
    const articles = await deps.store.listArticles(q);
    return c.json({ articles: articles.map((a) => ({ ...a, updatedAt: iso(a.updatedAt) })) });
  });
  app.post("/", async (c) => {
    const input = await jsonBody(c, NewArticle);
    return c.json({ article: articleJson(await createArticle(deps, c.get("staff"), input)) }, 201);
  });
  app.get("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const article = await deps.store.getArticle(id);
    if (!article) throw notFound("Article");
    const audit = await deps.store.listAudit({ entity: "article", entityId: article.id, limit: 100 });
    return c.json({
      article: articleJson(article),
      audit: audit.map((a) => ({ actor: a.actor, action: a.action, detail: a.detail, createdAt: iso(a.createdAt) })),
    });
  });
  app.put("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const input = await jsonBody(c, EditArticle);
    return c.json({ article: articleJson(await saveArticle(deps, c.get("staff"), id, input)) });
  });
  app.delete("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    await deleteArticle(deps, c.get("staff"), id);
    return c.body(null, 204);
  });
  app.post("/:id/publish", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version } = await optionalJsonBody(c, Publish);
    return c.json({ article: articleJson(await publishArticle(deps, c.get("staff"), id, version)) });
  });
  app.post("/:id/archive", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ article: articleJson(await archiveArticle(deps, c.get("staff"), id)) });
  });
  app.post("/:id/restore", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { version, publish } = await jsonBody(c, Restore);
    return c.json({ article: articleJson(await restoreArticleVersion(deps, c.get("staff"), id, version, publish)) });
  });
  app.get("/:id/versions", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const article = await deps.store.getArticle(id);
    if (!article) throw notFound("Article");
    const versions = await deps.store.listVersions(article.id);
    return c.json({
      articleId: article.id,
      publishedVersion: article.publishedVersion,
      versions: versions.map((v) => ({ ...v, createdAt: iso(v.createdAt) })),
    });
  });
  app.get("/:id/diff", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { from, to } = parseWith(DiffQuery, c.req.query());
    return c.json({ diff: await diffArticleVersions(deps, id, from, to) });
  });
  return app;
}
