-- A chat session belongs to the API key that opened it: the HTTP adapter registers every session id it
-- issues with that key, and refuses the id to any other key (and any id it never issued).
ALTER TABLE conversations ADD COLUMN owner_key_id TEXT;
