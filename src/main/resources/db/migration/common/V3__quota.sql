-- What quotaWorkbookJob delivered to the municipalities. Mail is not transactional, so each
-- message is recorded under its business key as soon as it is sent: a restart skips what
-- is here instead of sending it again. Portable SQL (HSQLDB, PostgreSQL).
CREATE TABLE quota_message (
    message_key       VARCHAR(100) NOT NULL PRIMARY KEY,
    quota_year        INTEGER      NOT NULL,
    revision          INTEGER      NOT NULL,
    municipality_code INTEGER      NOT NULL,
    channel           VARCHAR(10)  NOT NULL,
    message_bytes     BIGINT       NOT NULL,
    message_id        VARCHAR(200) NOT NULL,
    sent_at           TIMESTAMP    NOT NULL,
    CONSTRAINT quota_message_unit UNIQUE (quota_year, revision, municipality_code)
);
