-- The language an operator chose in the console (?lang=), kept for the
-- rest of the session. NULL: the browser's Accept-Language decides.
ALTER TABLE sessions ADD COLUMN language TEXT;
