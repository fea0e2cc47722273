-- Several invoices in one claim (DOMAIN.md): each invoice keeps its own dispute and figures; a group
-- links them so the claim is seen, totalled and credited as one.
CREATE TABLE dispute_groups (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  description TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE dispute_group_members (
  group_id TEXT NOT NULL REFERENCES dispute_groups(id),
  dispute_id TEXT NOT NULL REFERENCES disputes(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (group_id, dispute_id)
);
CREATE INDEX dispute_group_members_dispute ON dispute_group_members(dispute_id);
