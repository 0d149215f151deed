export type { ModelResponderConfig, Profile } from "./config.js";
export type { AnswerGuard } from "./guards.js";
export { modelResponder } from "./runner.js";
export { ModelAnswer, ModelTriage } from "./schemas.js";
export { type Tool, type ToolOutcome, type ToolRun, tool } from "./tools.js";
