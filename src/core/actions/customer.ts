import type { ChannelCapabilityLookup } from "../../ports/channel.js";
import type { IdentityRepo } from "../../ports/identity-repo.js";
import type { Conversation } from "../types.js";
import type { ActionCustomer } from "./template.js";

/** The identity channel of a web chat customer's account at the company (userId + userHash). */
export const COMPANY_USER = "company_user";

export type TurnCustomer = ActionCustomer & { verified: boolean };

/**
 * Who the customer is, as far as actions are concerned: a company user id the page vouched for
 * (userHash), or the sender on a channel whose platform vouches for it (Slack, WhatsApp). An email
 * sender is not verified here; nothing else is either.
 */
export async function turnCustomer(d: { identities: IdentityRepo; capabilities: ChannelCapabilityLookup }, conversation: Conversation): Promise<TurnCustomer> {
  if (!conversation.contactId) return { verified: false };
  const ids = await d.identities.listIdentities(conversation.contactId);
  const company = ids.find((i) => i.channel === COMPANY_USER && i.verifiedAt !== null);
  if (company) return { verified: true, userId: company.externalId };
  if (d.capabilities(conversation.channel).verifiesSender) {
    const sender = ids.find((i) => i.channel === conversation.channel);
    if (sender) return { verified: true, userId: sender.externalId };
  }
  return { verified: false };
}
