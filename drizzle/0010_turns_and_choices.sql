ALTER TABLE `jobs` ADD `lane` text;--> statement-breakpoint
CREATE INDEX `jobs_lane_running` ON `jobs` (`lane`,`status`);--> statement-breakpoint
ALTER TABLE `messages` ADD `choices` text;