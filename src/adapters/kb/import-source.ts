import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import TurndownService from "turndown";
import type { ImportedArticle, ImportReport } from "../../core/knowledge/import-sync.js";
import { parseArticleMarkdown } from "./markdown.js";

export type ImportSource = { source: string; articles: ImportedArticle[]; unreadable: ImportReport["unreadable"] };

const turndown = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced" });
turndown.remove(["script", "style", "noscript", "iframe"]);

/** Help-center HTML as markdown: headings, lists, links and images (as links) kept, scripts and styles dropped. */
export function htmlToMarkdown(html: string): string {
  return turndown
    .turndown(html)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** "en-us" → "en"; null when absent or not a language code. */
const language = (locale: unknown) => (typeof locale === "string" && /^[a-z]{2}\b/i.test(locale) ? locale.slice(0, 2).toLowerCase() : null);
const text = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
const tags = (v: unknown) => (Array.isArray(v) ? v.map((t) => text(typeof t === "object" && t ? (t as { name?: unknown }).name : t)).filter(Boolean) : []);

type Raw = Record<string, unknown>;

/** Turns one export item into an article, or says why it cannot be one. */
function article(item: Raw, fields: { title: unknown; body: unknown; locale?: unknown; published: boolean; tags?: unknown }): ImportedArticle | string {
  const id = text(item.id);
  const title = text(fields.title).trim();
  const body = htmlToMarkdown(text(fields.body));
  if (!id) return "it has no id";
  if (!title) return "it has no title";
  if (!body) return "its body is empty";
  return { externalId: id, title, body, tags: tags(fields.tags), language: language(fields.locale), published: fields.published };
}

function collect(source: string, items: { name: string; result: ImportedArticle | string }[]): ImportSource {
  const articles: ImportedArticle[] = [];
  const unreadable: ImportReport["unreadable"] = [];
  for (const { name, result } of items) typeof result === "string" ? unreadable.push({ item: name, reason: result }) : articles.push(result);
  return { source, articles, unreadable };
}

/** Zendesk Help Center (`GET /api/v2/help_center/articles`), Intercom (`GET /articles`) or Freshdesk solutions exports. */
function fromJson(file: string, data: unknown): ImportSource {
  const obj = (data && typeof data === "object" ? data : {}) as Raw;
  if (Array.isArray(obj.articles))
    return collect(
      "zendesk",
      (obj.articles as Raw[]).map((a) => ({
        name: `zendesk article ${text(a.id) || "?"}`,
        result: article(a, { title: a.title, body: a.body, locale: a.locale, published: a.draft !== true, tags: a.label_names }),
      })),
    );
  if (Array.isArray(obj.data))
    return collect(
      "intercom",
      (obj.data as Raw[]).map((a) => ({
        name: `intercom article ${text(a.id) || "?"}`,
        result: article(a, { title: a.title, body: a.body, locale: a.default_locale ?? a.locale, published: a.state === "published" }),
      })),
    );
  // Freshdesk: a list of articles, or of categories with folders holding articles.
  const list = Array.isArray(data) ? (data as Raw[]) : [];
  const flat = list.flatMap((x) =>
    Array.isArray(x.folders) ? (x.folders as Raw[]).flatMap((f) => (Array.isArray(f.articles) ? (f.articles as Raw[]) : [])) : [x],
  );
  if (flat.length > 0 || Array.isArray(data))
    return collect(
      "freshdesk",
      flat.map((a) => ({
        name: `freshdesk article ${text(a.id) || "?"}`,
        // Freshdesk status: 1 draft, 2 published.
        result: article(a, { title: a.title, body: a.description ?? a.description_text, locale: a.language, published: a.status !== 1, tags: a.tags }),
      })),
    );
  return { source: "unknown", articles: [], unreadable: [{ item: basename(file), reason: "not a Zendesk, Intercom or Freshdesk articles export" }] };
}

/** A folder of HTML files (each file one article; its <title> or first heading the title; <html lang> its language). */
function fromHtmlFolder(dir: string, files: string[]): ImportSource {
  return collect(
    "html",
    files.map((file) => {
      const html = readFileSync(join(dir, file), "utf8");
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1]?.replace(/<[^>]+>/g, "");
      const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
      const withoutTitle = body.replace(/<h1[^>]*>[\s\S]*?<\/h1>/i, "");
      return {
        name: file,
        result: article({ id: file }, { title: title?.trim(), body: withoutTitle, locale: /<html[^>]*\blang="([^"]+)"/i.exec(html)?.[1], published: true }),
      };
    }),
  );
}

/** Markdown files with front matter (title, tags), keyed by file name. */
function fromMarkdownFolder(dir: string, files: string[]): ImportSource {
  return collect(
    "markdown",
    files.map((file) => {
      try {
        const a = parseArticleMarkdown(readFileSync(join(dir, file), "utf8"), file);
        return { name: file, result: { externalId: file, title: a.title, body: a.body, tags: a.tags, language: null, published: true } };
      } catch (error) {
        return { name: file, result: (error as Error).message };
      }
    }),
  );
}

/** Reads an export file or folder, whatever tool made it; what it cannot read is listed, never dropped silently. */
export function readImportSource(path: string): ImportSource {
  if (!existsSync(path)) return { source: "unknown", articles: [], unreadable: [{ item: path, reason: "does not exist" }] };
  if (statSync(path).isFile()) {
    if (extname(path).toLowerCase() !== ".json")
      return { source: "unknown", articles: [], unreadable: [{ item: basename(path), reason: "give a JSON export or a folder of HTML or markdown files" }] };
    try {
      return fromJson(path, JSON.parse(readFileSync(path, "utf8")));
    } catch (error) {
      return { source: "unknown", articles: [], unreadable: [{ item: basename(path), reason: `not valid JSON (${(error as Error).message})` }] };
    }
  }
  const files = readdirSync(path)
    .filter((f) => !f.startsWith("."))
    .sort();
  const html = files.filter((f) => /\.html?$/i.test(f));
  const other = files.filter((f) => !/\.(html?|md)$/i.test(f) && statSync(join(path, f)).isFile());
  const result =
    html.length > 0
      ? fromHtmlFolder(path, html)
      : fromMarkdownFolder(
          path,
          files.filter((f) => /\.md$/i.test(f) && f.toLowerCase() !== "readme.md"),
        );
  for (const f of other) result.unreadable.push({ item: f, reason: /\.pdf$/i.test(f) ? "PDF import is not supported yet" : "not an HTML or markdown file" });
  return result;
}
