-- What several instances on one database must share (issue 14): rate-limit counters and MCP sessions.
-- Times are the app's clock in epoch milliseconds (tests move it by hand), not the server's now().
-- A counter is a fixed window per bucket ("chat:<key id>", "auth:<address>"), anchored at its first hit.
CREATE TABLE rate_limit_counters (
  bucket TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  hits INTEGER NOT NULL CHECK (hits >= 1)
);
CREATE INDEX rate_limit_counters_window ON rate_limit_counters (window_start);

-- An MCP session over Streamable HTTP, bound to the API key that opened it; any instance may serve it.
CREATE TABLE mcp_sessions (
  id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);
CREATE INDEX mcp_sessions_key ON mcp_sessions (key_id, last_seen);
CREATE INDEX mcp_sessions_last_seen ON mcp_sessions (last_seen);
