-- A component can stop being affected before its incident ends (one alert of
-- an Alertmanager group resolves while others fire). The impact keeps the time
-- it ended, so the component's history keeps the incident.
ALTER TABLE impacts ADD COLUMN ended_at TEXT;
