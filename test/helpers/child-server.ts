import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { repoRoot } from "./harness.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Runs `npm start`'s entry as a real child process, so tests can SIGKILL it. */
export async function startChild(env: Record<string, string>, port?: number) {
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "warn", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    /** The server process itself (node runs the entry directly), e.g. for /proc/<pid>/status. */
    pid: child.pid!,
    output: () => output,
    kill(signal: NodeJS.Signals = "SIGKILL") {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      });
    },
  };
}
