-- Resource availability over dated periods (JSON: [{"from":"2027-03-01","to":"2027-03-15","units":0.5}]),
-- and the work contour of an assignment ("" is flat).
ALTER TABLE resources ADD COLUMN availability TEXT NOT NULL DEFAULT '[]';
ALTER TABLE assignments ADD COLUMN contour TEXT NOT NULL DEFAULT '';
