import type { TestProject } from "vitest/node";
import { startFakeOpenAI } from "../helpers/fake-openai.js";

declare module "vitest" {
  export interface ProvidedContext {
    fakeOpenAiUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const fake = await startFakeOpenAI();
  project.provide("fakeOpenAiUrl", fake.url);
  return () => fake.close();
}
