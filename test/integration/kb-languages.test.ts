import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ftsSearch } from "../../src/adapters/storage/fts-search.js";
import { openSqlite } from "../../src/adapters/storage/sqlite-node.js";
import { createStore } from "../../src/adapters/storage/store.js";
import { tempDir } from "../helpers/harness.js";

const tmp = tempDir();
const sqlite = openSqlite(`${tmp.dir}/kb.db`);
const store = createStore(sqlite.db, sqlite.runBatch);
const search = ftsSearch(sqlite.db);

const article = (slug: string, title: string, body: string, questions: string[] = []) =>
  store.createArticle({
    id: `id-${slug}`,
    slug,
    version: { title, body, tags: [], questions, createdBy: "test", createdAt: Date.now() },
    status: "published",
    source: "console",
  });

beforeAll(async () => {
  await article(
    "facturas",
    "Cómo descargar sus facturas",
    "Puede descargar cada factura en PDF desde Ajustes. Las facturas de los últimos doce meses están siempre disponibles para su contabilidad.",
  );
  await article(
    "rechnungen",
    "Rechnungen herunterladen",
    "Jede Rechnung kann unter Einstellungen als PDF heruntergeladen werden. Rechnungen der letzten zwölf Monate stehen Ihnen jederzeit für die Buchhaltung zur Verfügung.",
  );
  await article(
    "outages",
    "Service outages and the status page",
    "When the service is down, the status page shows what is affected and when it will be back. Subscribe to updates by email.",
  );
  await article("reset-password", "How to reset your password", "Click Forgot password on the sign-in page and follow the link we email you.", [
    "I cannot remember my login key",
    "how do I get back into my profile",
  ]);
});
afterAll(() => {
  sqlite.close();
  tmp.cleanup();
});

describe("search analyses each language with its own stemmer", () => {
  it("matches Spanish word forms that English stemming keeps apart (facturación ~ facturas)", async () => {
    const [top] = await search.search("tengo una duda sobre la facturación");
    expect(top?.slug).toBe("facturas");
  });

  it("finds a German article for a German question", async () => {
    const [top] = await search.search("Ich habe die Rechnung heruntergeladen, aber die Datei ist leer");
    expect(top?.slug).toBe("rechnungen");
  });

  it("does not take a Spanish word for a misspelt English one in an English knowledge base", async () => {
    const english = openSqlite(`${tmp.dir}/english.db`);
    try {
      await createStore(english.db, english.runBatch).createArticle({
        id: "id-outages",
        slug: "outages",
        version: {
          title: "Service outages and the status page",
          body: "When the service is down, the status page shows what is affected.",
          tags: [],
          createdBy: "test",
          createdAt: Date.now(),
        },
        status: "published",
        source: "console",
      });
      const englishSearch = ftsSearch(english.db);
      expect(await englishSearch.search("Problema urgente con el servicio de mensajería interna")).toEqual([]);
      expect((await englishSearch.search("is the servise down?"))[0]?.slug).toBe("outages");
    } finally {
      english.close();
    }
  });

  it("still finds English words and their typos in English articles", async () => {
    expect((await search.search("the service is down, where is the status page?"))[0]?.slug).toBe("outages");
    expect((await search.search("is the servise down"))[0]?.slug).toBe("outages");
  });

  it("brings versions written before the index held stemmed text into it (analysePending)", async () => {
    // As migration 0009 leaves an older database: versions without an index form, indexed as written.
    sqlite.sqlite.exec("update article_versions set analysed = null, language = null where article_id = 'id-facturas'");
    sqlite.sqlite.exec("update articles set published_version = published_version where id = 'id-facturas'");
    expect((await ftsSearch(sqlite.db).search("tengo una duda sobre la facturación"))[0]?.slug).not.toBe("facturas");
    expect(await store.analysePending()).toBe(1);
    // A new adapter, as after the restart that runs the import: document counts are cached per process.
    expect((await ftsSearch(sqlite.db).search("tengo una duda sobre la facturación"))[0]?.slug).toBe("facturas");
    expect(await store.analysePending()).toBe(0);
  });

  it("searches an article's example questions", async () => {
    const [top] = await search.search("can't remember my login key");
    expect(top?.slug).toBe("reset-password");
  });
});
