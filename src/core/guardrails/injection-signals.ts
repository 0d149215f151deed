import type { GuardrailResult } from "./guardrail.js";

/**
 * Phrases that address the model rather than a support team: role changes, requests for the prompt,
 * orders to approve, refund or ignore rules. Finding one in untrusted text (a message, an email, an
 * image, an article) does not block anything by itself; it means the draft gets a person's eye and
 * that source cannot vouch for a promise.
 */
const SIGNALS: [string, RegExp][] = [
  [
    "ignore_instructions",
    /\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(instructions?|rules?|polic(y|ies)|guidelines?|prompts?|guardrails?|everything (above|before))\b/i,
  ],
  ["role_change", /\b(you are now|act as|pretend (to be|you are)|from now on,? you|your new (role|persona)|developer mode|jailbreak|DAN\b)/i],
  [
    "reveal_prompt",
    /\b(reveal|print|show|repeat|output|leak|dump|tell me)\b[^.\n]{0,40}\b(system prompt|instructions|hidden (rules|prompt)|initial prompt|your prompt|reasoning|chain of thought|staff notes?|internal notes?)\b/i,
  ],
  [
    "fake_authority",
    /(^|\n)\s*(system|assistant|developer|admin(istrator)?)\s*:|<\/?\s*(system|instructions?|knowledge|article|customer_message|tool_result|im_start|im_end)\b|\[\/?(INST|SYS)\]/i,
  ],
  [
    "order_to_model",
    /\b(the (assistant|ai|bot|model)|assistants?|ai models?|language models?)\b[^.\n]{0,30}\b(must|should|shall|will)\b[^.\n]{0,30}\b(refund|credit|approve|promise|say|tell|reply|confirm|grant|waive)\b/i,
  ],
  [
    "other_conversations",
    /\b(show|give|send|forward|list|tell|reveal|share|read|print|paste)\b[^.\n]{0,30}\b(other|previous|another|all)\b[^.\n]{0,20}\b(customers?'?|users?'?|conversations?|chats?|tickets?)\b[^.\n]{0,30}\b(messages?|data|emails?|details|history|conversations?|wrote)\b|\b(show|give|send|forward|list|reveal|share|print|paste)\b[^.\n]{0,20}\b(messages?|data|emails?|details|history|conversations?)\b[^.\n]{0,20}\b(other|previous|another|all)\b[^.\n]{0,15}\b(customers?|users?|people|conversations?|chats?)\b/i,
  ],
  ["tool_forcing", /\b(call|invoke|use|run)\b[^.\n]{0,20}\b(tool|function)\b[^.\n]{0,20}\b(issue_refund|refund|admin|delete|export|send_email|grant)/i],
];

export type InjectionInfo = { signals: { where: string; signal: string }[] };

export function injectionSignalsGuard(texts: { where: string; text: string }[]): GuardrailResult<InjectionInfo> {
  const signals: InjectionInfo["signals"] = [];
  for (const t of texts)
    for (const [signal, re] of SIGNALS)
      if (re.test(t.text) && !signals.some((s) => s.where === t.where && s.signal === signal)) signals.push({ where: t.where, signal });
  return { tripwireTriggered: signals.length > 0, info: { signals } };
}

export function hasInjectionSignals(text: string): boolean {
  return SIGNALS.some(([, re]) => re.test(text));
}
