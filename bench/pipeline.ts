import { join } from "node:path";
import { parseSettings } from "../src/config/settings.js";
import type { Turn } from "../src/core/types.js";
import { startNode } from "../src/entry/node.js";
import { progress } from "./lib.js";
import { tempDir } from "./temp.js";

/**
 * Runs conversations through a real in-process server (HTTP in, job loop, whichever responder the
 * settings wire) and returns the turn each customer message left in the trace.
 */
export async function runConversations(env: Record<string, string | undefined>, kbDir: string, conversations: string[][], concurrency = 4) {
  const dir = tempDir("frontdesk-pipeline-");
  const node = await startNode(
    parseSettings({
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_PATH: join(dir.dir, "p.db"),
      KNOWLEDGE_DIR: kbDir,
      LOG_LEVEL: "error",
      REVIEW_MODE: "none",
      // Every conversation comes from one loopback address, faster than a person types.
      RATE_LIMIT_IP_PER_MINUTE: env.RATE_LIMIT_IP_PER_MINUTE ?? "1000000000",
      RATE_LIMIT_TOKEN_PER_MINUTE: env.RATE_LIMIT_TOKEN_PER_MINUTE ?? "1000000000",
    }),
  );
  const responder = node.deps.responder.name;
  const results: Turn[][] = new Array(conversations.length);
  try {
    let done = 0;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < conversations.length; i = next++) {
        results[i] = await oneConversation(node.url, node.store.getTurnByMessage, conversations[i] as string[]);
        progress(`pipeline (${responder})`, ++done, conversations.length);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await node.stop();
    dir.cleanup();
  }
  return { responder, turns: results };
}

async function oneConversation(base: string, getTurn: (messageId: string) => Promise<Turn | null>, texts: string[]): Promise<Turn[]> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(base + path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, string>;
  };
  const { conversationId, customerToken } = await post("/api/chat/conversations", {});
  const turns: Turn[] = [];
  for (const text of texts) {
    const { messageId } = await post(`/api/chat/conversations/${conversationId}/messages`, { text }, customerToken);
    const deadline = Date.now() + Number(process.env.EVAL_TURN_TIMEOUT_MS ?? 180_000);
    for (;;) {
      const turn = await getTurn(messageId as string);
      if (turn) {
        turns.push(turn);
        break;
      }
      if (Date.now() > deadline) throw new Error(`no turn recorded for "${text.slice(0, 40)}" in time`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return turns;
}
