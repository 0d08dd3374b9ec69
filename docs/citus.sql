-- Distributing the province schema (src/server/schema.ts, created by `farmland db init`) on Citus.
-- Run on the coordinator after `farmland db init`, before the first load. See docs/scale.md.
CREATE EXTENSION IF NOT EXISTS citus;

-- county-keyed tables: distributed by county code, all colocated with fa_county so joins and
-- INSERT … SELECT on one county run on one shard group
SELECT create_distributed_table('fa_county', 'county');
SELECT create_distributed_table('fa_layer', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_parcel', 'county', colocate_with => 'fa_county');   -- partitions follow
SELECT create_distributed_table('fa_agg', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_overlap', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_conflict', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_finding', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_cell', 'county', colocate_with => 'fa_county');
-- summary and indicator pre-aggregates, the region tree (src/server/conflictChunks.ts, indicatorsLoad.ts, regionsLoad.ts)
SELECT create_distributed_table('fa_conflict_chunk', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_ind_sum', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_ind_chunk', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_ind_meta', 'county', colocate_with => 'fa_county');
SELECT create_distributed_table('fa_region', 'county', colocate_with => 'fa_county');
-- impact's per-cell pre-aggregates (src/server/impactCells.ts)
SELECT create_distributed_table('fa_impact_cell', 'county', colocate_with => 'fa_county');

-- small tables every node needs: targets, and access (users, sessions, scenarios, audit)
SELECT create_reference_table('fa_target');
SELECT create_reference_table('fa_user');
SELECT create_reference_table('fa_session');
SELECT create_reference_table('fa_scenario');
SELECT create_reference_table('fa_audit');
-- the schema's version and the counties a schema upgrade left needing a reload (src/server/schemaUpgrade.ts)
SELECT create_reference_table('fa_schema');
