-- The language a subscriber chose the form in: their mail is written in it.
-- NULL (subscribed before languages existed) means the page's default.
ALTER TABLE subscribers ADD COLUMN language TEXT;
