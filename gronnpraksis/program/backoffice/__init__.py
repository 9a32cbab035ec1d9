"""The programme's staff pages: `planner` (the working copy, rooms, tracks, publishing) and `partners`
(partner programmes beside the edition's own)."""
