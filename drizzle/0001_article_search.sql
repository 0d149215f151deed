-- Full-text index over the published version of each article (hand-written: drizzle-kit cannot
-- express FTS5). rowid = articles.search_id so updates touch one row instead of scanning.
CREATE VIRTUAL TABLE `article_search` USING fts5(title, body, tags, tokenize = 'porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `articles_search_insert` AFTER INSERT ON `articles` WHEN new.status = 'published' BEGIN
  INSERT INTO article_search(rowid, title, body, tags)
    SELECT new.search_id, v.title, v.body, v.tags FROM article_versions v
    WHERE v.article_id = new.id AND v.version = new.published_version;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_update` AFTER UPDATE OF status, published_version ON `articles` BEGIN
  DELETE FROM article_search WHERE rowid = old.search_id;
  INSERT INTO article_search(rowid, title, body, tags)
    SELECT new.search_id, v.title, v.body, v.tags FROM article_versions v
    WHERE new.status = 'published' AND v.article_id = new.id AND v.version = new.published_version;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_delete` AFTER DELETE ON `articles` BEGIN
  DELETE FROM article_search WHERE rowid = old.search_id;
END;
