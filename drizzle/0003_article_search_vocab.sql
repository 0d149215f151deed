-- Per-term document counts of the article index (hand-written: drizzle-kit cannot express FTS5).
-- Search reads it to leave out terms so common that scoring them costs more than they tell.
CREATE VIRTUAL TABLE `article_search_vocab` USING fts5vocab(`article_search`, 'row');
