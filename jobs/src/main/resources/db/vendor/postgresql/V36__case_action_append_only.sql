-- A case's trail is append-only, like the audit log (V25): an action, once recorded, is never
-- updated or deleted, whoever connects.
CREATE FUNCTION case_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'case_action is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER case_action_no_change BEFORE UPDATE OR DELETE ON case_action
	FOR EACH ROW EXECUTE FUNCTION case_action_append_only();

CREATE TRIGGER case_action_no_truncate BEFORE TRUNCATE ON case_action
	FOR EACH STATEMENT EXECUTE FUNCTION case_action_append_only();
