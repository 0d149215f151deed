import { redactPii } from "../../core/text/redact-pii.js";
import type { LogFields, Logger } from "../../ports/logger.js";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

// Keys whose values are never written at info level or above: bodies and secrets.
const SECRET_KEY = /(text|body|message_?text|password|token|secret|authorization|api_?key|cookie)$/i;

/** Kept as an export for older imports; the patterns live in core so the model path shares them. */
export { redactPii };

function clean(fields: LogFields, level: LogLevel): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (level !== "debug" && SECRET_KEY.test(key)) out[key] = "[redacted]";
    else if (typeof value === "string" && !/id$/i.test(key)) out[key] = redactPii(value);
    else out[key] = value;
  }
  return out;
}

/** One JSON object per line on stdout/stderr; PII patterns are masked in every string field. */
export function jsonLogger(level: LogLevel = "info", base: LogFields = {}, write: (line: string, level: LogLevel) => void = defaultWrite): Logger {
  const emit = (at: LogLevel, event: string, fields: LogFields = {}) => {
    if (LEVELS[at] < LEVELS[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...clean({ ...base, ...fields }, at) }), at);
  };
  return {
    debug: (e, f) => emit("debug", e, f),
    info: (e, f) => emit("info", e, f),
    warn: (e, f) => emit("warn", e, f),
    error: (e, f) => emit("error", e, f),
    child: (fields) => jsonLogger(level, { ...base, ...fields }, write),
  };
}

function defaultWrite(line: string, level: LogLevel) {
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}
