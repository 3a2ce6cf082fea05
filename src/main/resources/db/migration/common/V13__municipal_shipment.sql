-- What happened to each shipment to a municipality (a renewal list, a quota workbook): sent
-- whole to the purpose's mailbox (DIGITAL), printed (PAPER, reason SIZE), split into several
-- Digital Post messages (SPLIT) or sent whole to the municipality's address for large
-- shipments (ALTERNATIVE_ADDRESS). One row per message (per part of a split), written in its
-- own transaction right after the gateway took it: a restart sends only the missing parts.
-- Numbered V13 after issue 13, so that migrations added on other branches do not collide.
-- Portable SQL (HSQLDB, PostgreSQL).
CREATE TABLE municipal_shipment (
    shipment_key      VARCHAR(100) NOT NULL,
    part_no           INTEGER      NOT NULL,
    part_count        INTEGER      NOT NULL,
    municipality_code INTEGER      NOT NULL,
    purpose           VARCHAR(20)  NOT NULL,
    way               VARCHAR(20)  NOT NULL,
    recipient         VARCHAR(254),
    first_row         INTEGER      NOT NULL,
    row_count         INTEGER      NOT NULL,
    message_bytes     BIGINT       NOT NULL,
    message_id        VARCHAR(200) NOT NULL,
    recorded_at       TIMESTAMP    NOT NULL,
    PRIMARY KEY (shipment_key, part_no)
);
CREATE INDEX municipal_shipment_code_idx ON municipal_shipment (municipality_code);

-- The per-shipment summaries now also hold SPLIT and ALTERNATIVE_ADDRESS.
ALTER TABLE municipality_list ALTER COLUMN channel SET DATA TYPE VARCHAR(20);
ALTER TABLE quota_message ALTER COLUMN channel SET DATA TYPE VARCHAR(20);
