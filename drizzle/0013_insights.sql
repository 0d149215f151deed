CREATE TABLE `dismissed_gaps` (
	`id` text PRIMARY KEY NOT NULL,
	`dismissed_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_kind_created` ON `jobs` (`kind`,`created_at`);