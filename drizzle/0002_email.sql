CREATE TABLE `email_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`message_id` text,
	`direction` text NOT NULL,
	`rfc_message_id` text NOT NULL,
	`in_reply_to` text,
	`references` text NOT NULL,
	`subject` text,
	`normalized_subject` text,
	`from_address` text,
	`to_address` text,
	`suppressed_reason` text,
	`full_text` text,
	`raw_sha256` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_messages_rfc_id` ON `email_messages` (`direction`,`rfc_message_id`);--> statement-breakpoint
CREATE INDEX `email_messages_conversation` ON `email_messages` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `email_messages_sender_subject` ON `email_messages` (`from_address`,`normalized_subject`,`created_at`);