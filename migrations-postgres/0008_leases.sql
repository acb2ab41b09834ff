ALTER TABLE "jobs" ADD COLUMN "claimed_until" bigint;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_until" bigint;