-- Keys belong to people. A person has a name, an optional email and a role; each of their keys is
-- stored as sha256(key) with a short prefix to recognise it in a list, and may be read-only. The
-- audit trail and the segregation of duties name the person, so a second key of the same person
-- cannot approve what the first one requested.
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  role TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX people_email ON people (lower(email)) WHERE email IS NOT NULL;

-- Each existing key becomes its own person, with the key's id as the person's id: the audit events
-- and credit memo requests already written name that id, and keep naming the same person.
INSERT INTO people (id, name, role, created_at) SELECT id, name, role, created_at FROM api_keys;
ALTER TABLE api_keys ADD COLUMN person_id TEXT REFERENCES people(id);
UPDATE api_keys SET person_id = id;
ALTER TABLE api_keys ALTER COLUMN person_id SET NOT NULL;
ALTER TABLE api_keys DROP COLUMN name;
ALTER TABLE api_keys DROP COLUMN role;
ALTER TABLE api_keys ADD COLUMN last_used_at TIMESTAMPTZ;
CREATE INDEX api_keys_person ON api_keys (person_id);
