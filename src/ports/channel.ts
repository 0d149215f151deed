import type { Hono } from "hono";
import type { CoreDeps } from "../core/deps.js";
import type { JobHandler } from "../core/jobs/runner.js";
import type { Channel } from "../core/types.js";
import type { ChannelSender } from "./channel-sender.js";

/** What the core may know of a channel. It reads these, never the channel's name. */
export type ChannelCapabilities = {
  /** The customer sees a reply grow as the model writes it (web chat over SSE). */
  streamsDeltas: boolean;
  /** The channel can show quick-reply buttons. */
  buttons: boolean;
  /** Nobody waits live, so the model may run on the cheaper off-peak tier (flex). */
  offPeakTier: boolean;
  /** The first reply in a thread waits for a person under `risky` review (a wrong email cannot be unsent). */
  firstReplyNeedsReview: boolean;
  /** System notices ("a teammate is checking") reach the customer; if not, none is queued for delivery. */
  deliversNotices: boolean;
};

/** Capabilities of a channel the core finds no module for (switched off on this runtime). */
export const DEFAULT_CAPABILITIES: ChannelCapabilities = {
  streamsDeltas: false,
  buttons: false,
  offPeakTier: false,
  firstReplyNeedsReview: false,
  deliversNotices: true,
};

/** One route group a channel mounts on the HTTP app. */
export type ChannelRoutes = { path: string; app: Hono };

/**
 * A channel is one folder behind this contract (modelled on vercel/chat's adapters): its name, what
 * it can do, how a stored message reaches the customer, the webhooks it answers and the job kinds it
 * adds. Everything receives the core deps once they exist.
 */
export interface ChannelModule {
  name: Channel;
  capabilities: ChannelCapabilities;
  sender?(deps: CoreDeps): ChannelSender;
  routes?(deps: CoreDeps): ChannelRoutes[];
  /** Job kinds the channel handles; `draft_held` announces a held draft to reviewers (Slack, a webhook). */
  jobs?(deps: CoreDeps): Record<string, JobHandler>;
}

/** Capabilities by channel name, as the core reads them. */
export type ChannelCapabilityLookup = (channel: Channel) => ChannelCapabilities;

export function capabilityLookup(channels: readonly Pick<ChannelModule, "name" | "capabilities">[]): ChannelCapabilityLookup {
  const byName = new Map(channels.map((c) => [c.name, c.capabilities]));
  return (channel) => byName.get(channel) ?? DEFAULT_CAPABILITIES;
}
