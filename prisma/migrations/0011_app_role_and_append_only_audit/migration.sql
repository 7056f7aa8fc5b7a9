-- ---------------------------------------------------------------------------------------------
-- The audit trail is append-only (decision 10).
--
-- The API connects as a role that may read and write rows but not change the schema; that role
-- is granted INSERT and SELECT on audit_event and nothing else (apps/api/src/db/roles.ts, run at
-- every start). Grants do not bind the role that owns the table, so this trigger refuses UPDATE,
-- DELETE and TRUNCATE for everybody, the owner and superusers included: a mistaken statement in
-- a maintenance session cannot rewrite or remove what was recorded.
--
-- It fires per statement, so even an UPDATE or DELETE that matches no rows is refused, and it is
-- enabled ALWAYS, so it also fires when session_replication_role is 'replica' (which silences
-- ordinary triggers). Only the owner can disable or drop it, deliberately, with ALTER TABLE or a
-- migration. Roles themselves are not created here: role names belong to the whole server, not
-- to one database.

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Audit events are only ever inserted; record a new event instead.';
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_append_only;
