import { COMPANY_USER } from "../actions/customer.js";
import type { CoreDeps } from "../deps.js";
import { forbidden, notFound, unauthorized } from "../errors.js";
import { newId } from "../ids.js";
import { hmacSha256Hex, randomToken, sha256Hex, timingSafeEqual } from "../security/tokens.js";
import type { Conversation } from "../types.js";

/**
 * A company user id from the page: verified when its userHash is the HMAC the company's server made
 * with IDENTITY_VERIFICATION_SECRET (then the contact is the one of that user's earlier
 * conversations); without the secret it is kept but never verified. A wrong or missing hash is 401.
 */
async function companyUser(deps: CoreDeps, userId: string | undefined, userHash: string | undefined) {
  if (userId === undefined) return null;
  const secret = deps.policy.identityVerificationSecret;
  if (!secret) return { userId, verified: false, contactId: null };
  const expected = await hmacSha256Hex(secret, userId);
  if (!userHash || !timingSafeEqual(expected, userHash.toLowerCase())) throw unauthorized("userHash does not match userId.");
  return { userId, verified: true, contactId: await deps.identities.findVerifiedContact(COMPANY_USER, userId) };
}

/** Opens a web chat conversation; the token is shown once and only its hash is kept. */
export async function startWebConversation(deps: CoreDeps, input: { name?: string; email?: string; locale?: string; userId?: string; userHash?: string }) {
  const now = deps.clock.now();
  const conversationId = newId();
  const user = await companyUser(deps, input.userId, input.userHash);
  const contactId = user?.contactId ?? newId();
  const customerToken = randomToken("fdc_");
  await deps.store.createConversation({
    conversation: {
      id: conversationId,
      channel: "web",
      threadKey: conversationId,
      contactId,
      status: "open",
      priority: "normal",
      category: null,
      assigneeId: null,
      subject: null,
      locale: input.locale ?? null,
      handoffReason: null,
      summary: null,
      handedOffAt: null,
      firstResponseDueAt: null,
      firstResponseAt: null,
      createdAt: now,
      updatedAt: now,
    },
    contact: { id: contactId, name: input.name ?? null, email: input.email ?? null },
    identity: { id: newId(), channel: "web", externalId: conversationId },
    ...(user ? { userIdentity: { id: newId(), channel: COMPANY_USER, externalId: user.userId, verifiedAt: user.verified ? now : null } } : {}),
    customerTokenHash: await sha256Hex(customerToken),
    tokenExpiresAt: now + deps.policy.customerTokenTtlMs,
  });
  deps.logger.info("conversation.started", { conversationId, channel: "web" });
  return { conversationId, customerToken };
}

/** A customer token opens exactly one conversation, until it expires. */
export async function authorizeCustomer(deps: CoreDeps, conversationId: string, token: string | undefined): Promise<Conversation> {
  if (!token) throw unauthorized("A customer token is required (Authorization: Bearer <customerToken>).");
  const hash = await sha256Hex(token);
  const found = await deps.store.getConversationForCustomer(conversationId);
  const conversation = found?.conversation;
  if (found?.tokenHash && timingSafeEqual(found.tokenHash, hash)) {
    if (found.tokenExpiresAt !== null && found.tokenExpiresAt < deps.clock.now())
      throw unauthorized("This conversation's token has expired. Start a new conversation.");
    return found.conversation;
  }
  // A valid token for another conversation is a 403; anything else is not a credential at all.
  const owner = await deps.store.findConversationIdByTokenHash(hash);
  if (owner) throw forbidden("This token belongs to a different conversation.");
  if (!conversation) throw notFound("Conversation");
  throw unauthorized("Invalid customer token.");
}
