import { type CatalogueLanguage, systemText, type TextKey, type TextOverrides } from "./catalogue.js";

/** The language of the message and the workspace's own wording, for every system notice. */
export type NoticeOptions = {
  language?: CatalogueLanguage;
  overrides?: TextOverrides;
  /** The hours.* sentence that says when a person replies (from the business hours); "as soon as possible" without it. */
  when?: string;
};

/** Which handoff text a reason gets, and whether it promises a reply time. */
function handoffKey(first: string): { key: TextKey; saysWhen: boolean } {
  if (first.startsWith("risk_topic:self_harm")) return { key: "handoff.self_harm", saysWhen: false };
  if (first === "customer_asked_for_human") return { key: "handoff.customer_asked", saysWhen: true };
  if (first.startsWith("risk_topic:")) return { key: "handoff.risk_topic", saysWhen: true };
  if (first === "draft_rejected") return { key: "handoff.draft_rejected", saysWhen: false };
  if (first.startsWith("processing_failed") || first.startsWith("model_error")) return { key: "handoff.failed", saysWhen: true };
  return { key: "handoff.no_answer", saysWhen: true };
}

/** What the customer is told when a person takes over, by the first reason. */
export function handoffNotice(reasons: string[], options: NoticeOptions = {}): string {
  const language = options.language ?? "en";
  const { key, saysWhen } = handoffKey(reasons[0] ?? "");
  const why = systemText(key, language, undefined, options.overrides);
  if (!saysWhen) return why;
  return `${why} ${options.when ?? systemText("hours.reply_soon", language, undefined, options.overrides)}`;
}

/** The machine codes attachments are rejected with, and the sentence each gets. */
const ATTACHMENT_KEYS: Record<string, TextKey> = {
  unsupported_type: "attachment.unsupported_type",
  too_large: "attachment.too_large",
  too_many_pixels: "attachment.too_many_pixels",
  unreadable: "attachment.unreadable",
  missing: "attachment.missing",
};

/** Tells the customer which files could not be read and what to send instead. */
export function rejectedFilesNotice(files: { filename: string | null; code: string | undefined }[], options: NoticeOptions = {}): string {
  const language = options.language ?? "en";
  const text = (key: TextKey, vars?: Record<string, string | number>) => systemText(key, language, vars, options.overrides);
  const reasons = files.map((f) => text(ATTACHMENT_KEYS[f.code ?? ""] ?? "attachment.failed", { file: f.filename ?? text("attachment.unnamed") }));
  return files.length === 1
    ? text("attachment.rejected_one", { reasons: reasons.join(" ") })
    : text("attachment.rejected_many", { count: files.length, reasons: reasons.join(" ") });
}
