CREATE TABLE "chain_frontiers" (
	"chat_id" bigint PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"subtrees" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chain_frontiers" ADD CONSTRAINT "chain_frontiers_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;