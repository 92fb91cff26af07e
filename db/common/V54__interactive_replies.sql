-- Interactive replies (issue 16): what a reply offers to tap, and the platform-side contents made for them.
--
-- messages.choices  [enc] the reply buttons or list picker that went with a reply (JSON), so that a
--                   reply sent again after a crash offers the same options.
-- platform_contents the content a platform needs created before it can send a shape of message
--                   (Twilio's Content API: one content per shape, every text a variable), made
--                   through its API the first time a shape is sent and reused ever after.
ALTER TABLE messages ADD COLUMN choices TEXT;

CREATE TABLE platform_contents (
    platform   TEXT NOT NULL,
    shape      TEXT NOT NULL,            -- e.g. list-7, buttons-3
    content_id TEXT NOT NULL,            -- the platform's id (a Twilio Content SID, HX...)
    created_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (platform, shape)
);
