CREATE TABLE `profile_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `external_source` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `language` text;--> statement-breakpoint
CREATE UNIQUE INDEX `articles_external` ON `articles` (`external_source`,`external_id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `handed_off_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_response_due_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_response_at` integer;--> statement-breakpoint
CREATE INDEX `conversations_first_response_due` ON `conversations` (`first_response_due_at`);