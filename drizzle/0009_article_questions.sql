ALTER TABLE `article_versions` ADD `questions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `article_versions` ADD `language` text;--> statement-breakpoint
ALTER TABLE `article_versions` ADD `analysed` text;--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express FTS5): the index gets a `questions` column and holds each
-- version's text in index form, stemmed in the article's own language by the application
-- (src/core/text/analyse.ts), so SQLite only splits words and folds accents. A version not yet
-- analysed (rows from before this migration) is indexed as written until the reindex at start-up.
DROP TRIGGER IF EXISTS `articles_search_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `articles_search_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `articles_search_delete`;
--> statement-breakpoint
DROP TABLE IF EXISTS `article_search_vocab`;
--> statement-breakpoint
DROP TABLE IF EXISTS `article_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `article_search` USING fts5(title, questions, body, tags, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `article_search_vocab` USING fts5vocab(`article_search`, 'row');
--> statement-breakpoint
CREATE TRIGGER `articles_search_insert` AFTER INSERT ON `articles` WHEN new.status = 'published' BEGIN
  INSERT INTO article_search(rowid, title, questions, body, tags)
    SELECT new.search_id,
      coalesce(json_extract(v.analysed, '$.title'), v.title),
      coalesce(json_extract(v.analysed, '$.questions'), v.questions),
      coalesce(json_extract(v.analysed, '$.body'), v.body),
      coalesce(json_extract(v.analysed, '$.tags'), v.tags)
    FROM article_versions v WHERE v.article_id = new.id AND v.version = new.published_version;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_update` AFTER UPDATE OF status, published_version ON `articles` BEGIN
  DELETE FROM article_search WHERE rowid = old.search_id;
  INSERT INTO article_search(rowid, title, questions, body, tags)
    SELECT new.search_id,
      coalesce(json_extract(v.analysed, '$.title'), v.title),
      coalesce(json_extract(v.analysed, '$.questions'), v.questions),
      coalesce(json_extract(v.analysed, '$.body'), v.body),
      coalesce(json_extract(v.analysed, '$.tags'), v.tags)
    FROM article_versions v
    WHERE new.status = 'published' AND v.article_id = new.id AND v.version = new.published_version;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_delete` AFTER DELETE ON `articles` BEGIN
  DELETE FROM article_search WHERE rowid = old.search_id;
END;
--> statement-breakpoint
INSERT INTO article_search(rowid, title, questions, body, tags)
  SELECT a.search_id, v.title, v.questions, v.body, v.tags
  FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.published_version
  WHERE a.status = 'published';
