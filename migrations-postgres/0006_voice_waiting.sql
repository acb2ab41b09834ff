DROP INDEX "voice_messages_pending";--> statement-breakpoint
CREATE INDEX "voice_messages_pending" ON "voice_messages" USING btree ("chat_id","transcribed_at","sender_id","burst_message_id");