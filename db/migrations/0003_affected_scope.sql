-- 0003: what a row is limited to, as columns (advisory schema version 3). Frozen once
-- released: change it with a new numbered file.
--
-- Red Hat keeps extended-support streams and module streams under one release
-- (`redhat:9`); until schema 2 the importer wrote them only as text in `affected.note`
-- (`EUS 9.4; module nodejs:20:…`) and the matcher parsed it back. The note stays, for
-- people; matching reads these. NULL in rows of every other feed. Readers of schema 1–2
-- databases (old bundles) take both from the note instead (src/db/queries.ts).

-- The support stream of a row: `EUS 9.4`, `AUS 8.6`, `ELS`; NULL for the mainline.
ALTER TABLE affected ADD COLUMN stream TEXT;
-- The module a row is for, as the rpmmod qualifier names it (`nodejs:20:9040020240807145417:rhel9`); NULL for non-modular packages.
ALTER TABLE affected ADD COLUMN module TEXT;
