-- Unit paths with fixed-width ids ("/0000000001/0000000010/"), so that ordering by path is the
-- tree order with siblings by id: "/1/10/" sorted before "/1/2/", which put 市交通运输局 (10)
-- before 市司法局 (2) on every sheet and list. Subtree ranges work as before (a prefix).
WITH RECURSIVE t(id, path) AS (
  SELECT id, '/' || printf('%010d', id) || '/' FROM units WHERE parent_id IS NULL
  UNION ALL
  SELECT u.id, t.path || printf('%010d', u.id) || '/' FROM units u JOIN t ON u.parent_id = t.id
)
UPDATE units SET path = (SELECT path FROM t WHERE t.id = units.id);
