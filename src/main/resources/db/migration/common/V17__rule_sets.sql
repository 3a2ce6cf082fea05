-- Rule sets through time (docs/RENEWAL-RULES.md): the second import format's four columns, and
-- two more derived at import from deposit.SecurityRules, beside expiry_date and renewable:
--   rule_set      the set (A-F) that governs the security
--   extend_until  for a set that renews (B, C): start (the permit date) + 10 years, the date a
--                 notice asks to extend the security until; NULL for a set that never renews
-- expiry_date now holds the end the security runs to (valid_until when the registry gives one),
-- and renewable whether that end is still before start + 10 years.
-- Portable SQL (HSQLDB and PostgreSQL).
ALTER TABLE deposit ADD COLUMN application_date DATE;
ALTER TABLE deposit ADD COLUMN valid_until DATE;
ALTER TABLE deposit ADD COLUMN released_date DATE;
ALTER TABLE deposit ADD COLUMN release_reason VARCHAR(20);
ALTER TABLE deposit ADD COLUMN rule_set VARCHAR(1);
ALTER TABLE deposit ADD COLUMN extend_until DATE;

-- Rows imported before: the 18-column format, no application date, so the set is A, B or C by
-- the posting date, exactly as the periods of late 2014 were. Their expiry_date (start + 7, 4
-- or 5 years) is short of 10 years, so renewable stays as it is.
UPDATE deposit SET rule_set = CASE
    WHEN posted_date <= DATE '2010-12-31' THEN 'A'
    WHEN posted_date <= DATE '2012-06-30' THEN 'B'
    ELSE 'C' END;
-- start + 10 years; 29 February gives 28 February (start + 10 is never a leap year), as
-- java.time's plusYears does, spelt out because the two databases differ on that day
UPDATE deposit SET extend_until = CASE
    WHEN EXTRACT(MONTH FROM permit_granted_date) = 2 AND EXTRACT(DAY FROM permit_granted_date) = 29
        THEN CAST(permit_granted_date - INTERVAL '1' DAY + INTERVAL '10' YEAR AS DATE)
    ELSE CAST(permit_granted_date + INTERVAL '10' YEAR AS DATE) END
    WHERE rule_set IN ('B', 'C');
ALTER TABLE deposit ALTER COLUMN rule_set SET NOT NULL;

-- What each notice asked: the journal shows it, and a notice keeps what it asked even when the
-- registry row changes later.
ALTER TABLE renewal_notice ADD COLUMN extend_until DATE;
UPDATE renewal_notice SET extend_until = (SELECT d.extend_until FROM deposit d WHERE d.deposit_id = renewal_notice.deposit_id);
