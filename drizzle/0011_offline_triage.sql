ALTER TABLE `conversations` ADD `language` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `sentiment` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `resolved_by` text;--> statement-breakpoint
CREATE INDEX `conversations_priority` ON `conversations` (`priority`,`updated_at`);