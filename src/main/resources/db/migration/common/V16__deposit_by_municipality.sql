-- The renewal job selects due deposits in windows of each municipality's registry, inside
-- the send partition (send while selecting: the first notice waits for one window, not for
-- the whole backlog). A window is "the next N deposit ids of municipality M after X": with
-- this index that is a bounded range of an index, in deposit-id order, however large the
-- registry. It replaces deposit_municipality_idx, whose leading column it shares.
CREATE INDEX deposit_municipality_id_idx ON deposit (municipality_code, deposit_id);
DROP INDEX deposit_municipality_idx;
