-- A stable id for the page in the Statuspage-compatible API (its `page.id`).
INSERT INTO meta (key, value) VALUES ('page_id', lower(hex(randomblob(6))));
