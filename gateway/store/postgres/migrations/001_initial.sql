-- The first schema (docs/storage.md, "PostgreSQL"). Every table: real columns for the fields that are
-- looked up or changed atomically, `doc` for the rest of the record. Keys and sortable text use the
-- "C" collation so that ordering and range filters match the embedded store's code-unit order.

CREATE TABLE tenants (
  id text COLLATE "C" PRIMARY KEY,
  service_id text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX tenants_service_id ON tenants (service_id);

CREATE TABLE customers (
  id text COLLATE "C" PRIMARY KEY,
  tenant_id text NOT NULL,
  login_id text NOT NULL,
  admin_id text,
  doc jsonb NOT NULL
);
CREATE INDEX customers_login ON customers (tenant_id, login_id);
CREATE INDEX customers_admin ON customers (admin_id) WHERE admin_id IS NOT NULL;

CREATE TABLE issuances (
  id text COLLATE "C" PRIMARY KEY,
  tenant_id text NOT NULL,
  customer_id text NOT NULL,
  user_id text NOT NULL,
  form_id text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX issuances_form ON issuances (customer_id, form_id);
CREATE INDEX issuances_user_id ON issuances (tenant_id, user_id);

-- The OTP hot path updates last_step / drift / failures / locked_until in one conditional UPDATE.
CREATE TABLE tokens (
  serial text COLLATE "C" PRIMARY KEY,
  tenant_id text NOT NULL,
  customer_id text,
  status text NOT NULL,
  last_step bigint,
  drift int NOT NULL,
  failures int NOT NULL,
  locked_until bigint,
  doc jsonb NOT NULL
);
CREATE INDEX tokens_customer ON tokens (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX tokens_tenant ON tokens (tenant_id, serial);

CREATE TABLE accounts (
  customer_id text COLLATE "C" PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE transfers (
  id text COLLATE "C" PRIMARY KEY,
  customer_id text NOT NULL,
  form_id text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX transfers_form ON transfers (customer_id, form_id);

CREATE TABLE sessions (
  id text COLLATE "C" PRIMARY KEY,
  customer_id text,
  expires_at bigint NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX sessions_customer ON sessions (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE outbox (
  id text COLLATE "C" PRIMARY KEY,
  mailbox text NOT NULL,
  state text NOT NULL,
  next_attempt_at bigint NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX outbox_mailbox ON outbox (mailbox, created_at, id);
CREATE INDEX outbox_due ON outbox (created_at, id) WHERE state = 'pending';

CREATE TABLE api_keys (
  id text COLLATE "C" PRIMARY KEY,
  tenant_id text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE throttle (
  key text COLLATE "C" PRIMARY KEY,
  window_start bigint NOT NULL,
  count int NOT NULL,
  expires_at bigint NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX throttle_expires_at ON throttle (expires_at);

-- The audit trail: insert-only. The gateway never updates or deletes an event; the trigger makes
-- sure nobody else does through SQL either (a DBA who must purge old events drops the trigger first).
CREATE TABLE audit_events (
  id text COLLATE "C" PRIMARY KEY,
  at text COLLATE "C" NOT NULL,
  tenant_id text,
  customer_id text,
  serial_hash text,
  action text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id);
CREATE INDEX audit_events_customer ON audit_events (tenant_id, customer_id, id);
CREATE INDEX audit_events_serial ON audit_events (tenant_id, serial_hash, id);
CREATE INDEX audit_events_action ON audit_events (tenant_id, action, id);

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- Values the gateway keeps about the database itself: the key check (a value sealed with KETAI_SECRET_KEY).
CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
