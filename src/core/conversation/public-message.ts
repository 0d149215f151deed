import type { Message, PublicMessage } from "../types.js";

/** The customer-facing shape of a message (API.md): no internal ids of drafts or authors. */
export const toPublicMessage = (m: Message): PublicMessage => ({
  id: m.id,
  role: m.role,
  text: m.text,
  citations: m.citations,
  ...(m.choices?.length ? { choices: m.choices } : {}),
  createdAt: new Date(m.createdAt).toISOString(),
});
