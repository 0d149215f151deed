import { parse } from "yaml";
import { z } from "zod";
import type { SeedArticle } from "../../core/knowledge/seed-sync.js";

const FrontMatter = z.object({
  title: z.string().min(1).max(200),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug must be kebab-case")
    .max(120),
  tags: z.array(z.string()).default([]),
  // Example phrasings of the question the article answers, as customers might write it.
  questions: z.array(z.string().min(1).max(300)).max(30).default([]),
});

/** Parses one article file: YAML front matter between --- lines, then the markdown body. */
export function parseArticleMarkdown(source: string, name = "article"): SeedArticle {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source.replace(/^\uFEFF/, ""));
  if (!match) throw new Error(`${name}: missing front matter (--- title/slug/tags/questions ---)`);
  const parsed = FrontMatter.safeParse(parse(match[1] ?? ""));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const body = (match[2] ?? "").trim();
  if (!body) throw new Error(`${name}: empty body`);
  return { ...parsed.data, body };
}
