-- A customer's contact gets a key bound to one customer: every read it reaches is filtered to that
-- customer in the services and the store. Only a customer person has a customer, and a customer
-- person always has one, so a customer key can never read unscoped.
ALTER TABLE people ADD COLUMN customer_id TEXT REFERENCES customers(id);
ALTER TABLE people ADD CONSTRAINT people_customer_scope CHECK ((role = 'customer') = (customer_id IS NOT NULL));
CREATE INDEX people_customer ON people (customer_id) WHERE customer_id IS NOT NULL;

