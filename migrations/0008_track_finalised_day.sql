-- The last day whose rollups the cron finalised, so a rollover is done once
-- whatever else rebuilt the snapshot that day.
INSERT INTO meta (key, value) VALUES ('finalised_day', '');
