-- A person from the shop takes a conversation over (issue 16). Portable SQL.
--
-- The machine's HANDOFF state is kept beside the state the conversation came from: conversations.state
-- keeps that state (so handing back returns to it, and its CHECK stays as it was), and handoff_since
-- set means the conversation is in HANDOFF now.
--   handoff_since        when a person was asked for (the shopper asked, the bot failed twice, an admin took it)
--   handoff_reason       why
--   handoff_taken_by     the admin who took it over (null: waiting for one)
--   handoff_answered_at  when a person first wrote to the shopper after the handoff (time to first human answer)
ALTER TABLE conversations ADD COLUMN handoff_since TIMESTAMP(3);
ALTER TABLE conversations ADD COLUMN handoff_reason TEXT;
ALTER TABLE conversations ADD COLUMN handoff_taken_by TEXT;
ALTER TABLE conversations ADD COLUMN handoff_answered_at TIMESTAMP(3);
