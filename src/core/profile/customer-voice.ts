import { type CatalogueLanguage, pickLanguage } from "../texts/catalogue.js";
import type { NoticeOptions } from "../texts/notices.js";
import type { Conversation } from "../types.js";
import { replyWhen } from "./reply-time.js";
import type { WorkspaceProfile } from "./schema.js";

/**
 * How the system speaks to this customer: in their language among the profile's, with the
 * workspace's own wording, and with a reply time from the business hours as of `now`.
 */
export function customerVoice(
  profile: WorkspaceProfile,
  conversation: Pick<Conversation, "locale" | "language">,
  now: number,
): NoticeOptions & { language: CatalogueLanguage } {
  // The language the customer writes in (detected) first, then the one their page asked for.
  const language = pickLanguage(conversation.language ?? conversation.locale ?? undefined, profile.languages);
  return { language, overrides: profile.texts, when: replyWhen(profile, language, now) };
}
