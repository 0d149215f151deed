import type { ArticleSummary, ArticleVersion, NewAudit } from "../../ports/store.js";
import type { CoreDeps } from "../deps.js";
import { badRequest, conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { type DiffLine, lineDiff } from "../text/line-diff.js";
import type { StaffMember } from "../types.js";

type Deps = Pick<CoreDeps, "store" | "clock" | "logger">;
type Actor = Pick<StaffMember, "id">;
export type ArticleContent = { title: string; body: string; tags?: string[]; questions?: string[] };
export const MAX_QUESTIONS = 30;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
export const MAX_ARTICLE_CHARS = 100_000;

export function slugify(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/, "") || "article"
  );
}

function clean(content: ArticleContent) {
  const title = content.title.trim();
  const body = content.body.replace(/\r\n/g, "\n").trim();
  if (!title) throw badRequest("An article needs a title.");
  if (title.length > 300) throw badRequest("The title is longer than 300 characters.");
  if (!body) throw badRequest("An article needs a body.");
  if (body.length > MAX_ARTICLE_CHARS) throw badRequest(`The body is longer than ${MAX_ARTICLE_CHARS} characters.`);
  const tags = [...new Set((content.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].slice(0, 20);
  const questions = [...new Set((content.questions ?? []).map((q) => q.replace(/\s+/g, " ").trim()).filter(Boolean))];
  if (questions.length > MAX_QUESTIONS) throw badRequest(`An article takes at most ${MAX_QUESTIONS} example questions.`);
  if (questions.some((q) => q.length > 300)) throw badRequest("An example question is longer than 300 characters.");
  return { title, body, tags, questions };
}

const auditOf = (actor: Actor, action: string, articleId: string, detail: Record<string, unknown>): NewAudit => ({
  id: newId(),
  actor: actor.id,
  action,
  entity: "article",
  entityId: articleId,
  detail,
});

async function load(deps: Deps, id: string) {
  const article = await deps.store.getArticle(id);
  if (!article) throw notFound("Article");
  return article;
}

/** A new article written in the console: version 1, a draft unless published at once. */
export async function createArticle(deps: Deps, actor: Actor, input: ArticleContent & { slug?: string; publish?: boolean }) {
  const content = clean(input);
  const slug = (input.slug?.trim() || slugify(content.title)).toLowerCase();
  if (!SLUG.test(slug)) throw badRequest("The slug may hold lowercase letters, digits and dashes (1–100 characters).");
  if (await deps.store.getArticle(slug)) throw conflict(`An article with the slug "${slug}" already exists.`);
  const id = newId();
  const now = deps.clock.now();
  const status = input.publish ? "published" : "draft";
  await deps.store.createArticle({
    id,
    slug,
    version: { ...content, createdBy: actor.id, createdAt: now },
    status,
    source: "console",
    audit: auditOf(actor, "article.create", id, { slug, version: 1, status }),
  });
  return load(deps, id);
}

/**
 * Saves an edit as the next version (source becomes "console", so the seed import leaves it alone).
 * With publish the new version is live, and searchable, in the same write.
 */
export async function saveArticle(deps: Deps, actor: Actor, id: string, input: ArticleContent & { publish?: boolean }) {
  const article = await load(deps, id);
  const content = clean({ ...input, questions: input.questions ?? article.questions });
  const now = deps.clock.now();
  const same =
    content.title === article.title &&
    content.body === article.body.trim() &&
    JSON.stringify(content.tags) === JSON.stringify(article.tags) &&
    JSON.stringify(content.questions) === JSON.stringify(article.questions);
  if (same) {
    // Nothing changed: no empty version, but "save and publish" still publishes what is there.
    if (input.publish && (article.status !== "published" || article.publishedVersion !== article.latestVersion)) return publishArticle(deps, actor, id);
    return article;
  }
  const version = await deps.store.addVersion({
    articleId: article.id,
    version: { ...content, createdBy: actor.id, createdAt: now },
    publish: Boolean(input.publish),
    source: "console",
    audit: auditOf(actor, input.publish ? "article.edit_publish" : "article.edit", article.id, { version: article.latestVersion + 1 }),
    now,
  });
  deps.logger.info("article.saved", { articleId: article.id, version, publish: Boolean(input.publish), staffId: actor.id });
  return load(deps, article.id);
}

/** Makes a version (default: the latest) the published one; search follows in the same write. */
export async function publishArticle(deps: Deps, actor: Actor, id: string, version?: number) {
  const article = await load(deps, id);
  const target = version ?? article.latestVersion;
  if (!(await deps.store.getVersion(article.id, target))) throw notFound(`Version ${target}`);
  await deps.store.setStatus(article.id, "published", target, deps.clock.now(), auditOf(actor, "article.publish", article.id, { version: target }));
  return load(deps, article.id);
}

/** Takes an article out of search without deleting its history. */
export async function archiveArticle(deps: Deps, actor: Actor, id: string) {
  const article = await load(deps, id);
  await deps.store.setStatus(article.id, "archived", article.publishedVersion, deps.clock.now(), auditOf(actor, "article.archive", article.id, {}));
  return load(deps, article.id);
}

/** Restoring copies an old version forward as the newest one, so history is never rewritten. */
export async function restoreArticleVersion(deps: Deps, actor: Actor, id: string, version: number, publish = false) {
  const article = await load(deps, id);
  const old = await deps.store.getVersion(article.id, version);
  if (!old) throw notFound(`Version ${version}`);
  const now = deps.clock.now();
  await deps.store.addVersion({
    articleId: article.id,
    version: { title: old.title, body: old.body, tags: old.tags, questions: old.questions ?? [], createdBy: actor.id, createdAt: now },
    publish,
    source: "console",
    audit: auditOf(actor, "article.restore", article.id, { from: version, version: article.latestVersion + 1, publish }),
    now,
  });
  return load(deps, article.id);
}

export async function deleteArticle(deps: Deps, actor: Actor, id: string) {
  const article = await load(deps, id);
  await deps.store.deleteArticle(article.id, auditOf(actor, "article.delete", article.id, { slug: article.slug, title: article.title }));
}

export type VersionDiff = { from: number; to: number; title: DiffLine[]; body: DiffLine[]; tags: DiffLine[]; questions: DiffLine[] };

/** What changed between two versions (default: the newest against the one before it). */
export async function diffArticleVersions(deps: Deps, id: string, from?: number, to?: number): Promise<VersionDiff> {
  const article = await load(deps, id);
  const toV = to ?? article.latestVersion;
  const fromV = from ?? Math.max(1, toV - 1);
  const [a, b] = await Promise.all([deps.store.getVersion(article.id, fromV), deps.store.getVersion(article.id, toV)]);
  if (!a) throw notFound(`Version ${fromV}`);
  if (!b) throw notFound(`Version ${toV}`);
  return { from: fromV, to: toV, ...diffVersions(a, b) };
}

export function diffVersions(a: ArticleVersion, b: ArticleVersion) {
  return {
    title: lineDiff(a.title, b.title),
    body: lineDiff(a.body, b.body),
    tags: lineDiff(a.tags.join("\n"), b.tags.join("\n")),
    questions: lineDiff((a.questions ?? []).join("\n"), (b.questions ?? []).join("\n")),
  };
}

export type ArticleView = ArticleSummary & { body: string };
