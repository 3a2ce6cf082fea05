-- The line of the documents CSV that named each case document: a skip reason or a print-batch
-- message names a document by this line and its deposit id, never by its file name, which can
-- hold a person's name, address or CPR number (issue 20, item 10). Rows imported before this
-- have none; they are named by their place among the deposit's documents.
ALTER TABLE case_document ADD COLUMN source_line INTEGER;
