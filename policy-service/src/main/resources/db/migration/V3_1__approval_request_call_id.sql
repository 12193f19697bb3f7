-- The held call's JSON-RPC id (JSON text), so that the agent's notifications/cancelled withdraws the request
-- whichever proxy replica it reaches: that replica knows the session and the call's id, not the approval id.
alter table approval_request add column call_id text;
create index approval_request_pending_call on approval_request (session_id, call_id) where status = 'pending';
