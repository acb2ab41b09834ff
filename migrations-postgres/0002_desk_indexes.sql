DROP INDEX "obligations_open";--> statement-breakpoint
CREATE INDEX "chat_roles_user" ON "chat_roles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "obligations_open" ON "obligations" USING btree ("chat_id","state","kind","due_at","confirmed_at");