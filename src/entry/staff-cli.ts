import { parseArgs } from "node:util";
import { openSqlite } from "../adapters/storage/sqlite-node.js";
import { createStore } from "../adapters/storage/store.js";
import { ConfigError, parseSettings } from "../config/settings.js";
import { AppError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { createStaffMember } from "../core/staff/create-staff.js";
import { systemClock } from "../ports/clock.js";

const USAGE = `usage:
  npm run staff -- create --name "Billing desk" --role agent|admin [--email a@b.c] [--slack-user U123]
  npm run staff -- list
  npm run staff -- disable <staff id>`;

/** `npm run staff`: manage staff accounts from the shell; a new key is printed once. */
export async function runStaffCli(argv: string[], env: Record<string, string | undefined>, out = console.log, err = console.error): Promise<number> {
  const [command, ...rest] = argv;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { name: { type: "string" }, role: { type: "string" }, email: { type: "string" }, "slack-user": { type: "string" } },
    });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const v = parsed.values as Record<string, string | undefined>;
  if (command === "create" && (!v.name || (v.role !== "agent" && v.role !== "admin"))) {
    err(`create needs --name and --role agent|admin\n${USAGE}`);
    return 2;
  }
  if (command !== "create" && command !== "list" && command !== "disable") {
    err(USAGE);
    return 2;
  }
  const settings = parseSettings(env);
  const sqlite = openSqlite(settings.DATABASE_PATH);
  try {
    const store = createStore(sqlite.db, sqlite.runBatch);
    if (command === "create") {
      const { staff, apiKey } = await createStaffMember(
        { store, clock: systemClock },
        { name: v.name ?? "", role: v.role as "agent" | "admin", email: v.email ?? null, slackUserId: v["slack-user"] ?? null },
        "cli",
      );
      out(`Created ${staff.role} "${staff.name}" (id ${staff.id}).`);
      out(`API key (shown once, only its hash is stored):\n${apiKey}`);
    } else if (command === "list") {
      for (const m of await store.listStaff()) out(`${m.id}  ${m.role.padEnd(5)}  ${m.name}${m.email ? `  <${m.email}>` : ""}`);
    } else {
      const id = parsed.positionals[0];
      if (!id) {
        err(`disable needs a staff id\n${USAGE}`);
        return 2;
      }
      const ok = await store.disableStaff(id, Date.now(), { id: newId(), actor: "cli", action: "staff.disable", entity: "staff", entityId: id });
      if (!ok) {
        err(`No active staff member with id ${id}.`);
        return 1;
      }
      out(`Disabled ${id}; its key no longer works.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      err(error.message);
      return 1;
    }
    throw error;
  } finally {
    sqlite.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exit(await runStaffCli(process.argv.slice(2), process.env));
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
}
