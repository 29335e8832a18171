-- Grafana's PostgreSQL data source (the query editor's and the configuration page's meta queries), from
-- github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource: postgresMetaQuery.ts (the
-- SQL, commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100), called by datasource.ts (getVersion, getTimescaleDBVersion,
-- fetchTables = showTables(), fetchFields = getSchema(table)) and configuration/useAutoDetectFeatures.ts. Grafana's
-- backend sends them through its Go driver as unnamed prepared statements without parameters.

-- name: version
-- source: github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts at commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100, getVersion() (configuration page: detect the version)
SELECT current_setting('server_version_num')::int/100 as version

-- name: timescaledb
-- source: github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts at commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100, getTimescaleDBVersion() (configuration page, version >= 906)
SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'

-- name: schemas
-- source: github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts at commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100, showSchemas()
SELECT schema_name AS "name"
    FROM information_schema.schemata
    WHERE schema_name NOT IN ('information_schema',
                              'pg_catalog',
                              'pg_toast',
                              '_timescaledb_cache',
                              '_timescaledb_catalog',
                              '_timescaledb_internal',
                              '_timescaledb_config',
                              'timescaledb_information',
                              'timescaledb_experimental')
    ORDER BY schema_name

-- name: tables
-- source: github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts at commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100, showTables() (the table picker: tables of the search path unqualified, others qualified)
-- check: table
-- keep: table author|book|review|good_reviews|public\..*
SELECT
    CASE WHEN 
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )
      THEN quote_ident(table_name)
      ELSE quote_ident(table_schema) || '.' || quote_ident(table_name)
    END AS "table"
    FROM information_schema.tables
    WHERE quote_ident(table_schema) NOT IN ('information_schema',
                             'pg_catalog',
                             '_timescaledb_cache',
                             '_timescaledb_catalog',
                             '_timescaledb_internal',
                             '_timescaledb_config',
                             'timescaledb_information',
                             'timescaledb_experimental')
    ORDER BY CASE WHEN 
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          ) THEN 0 ELSE 1 END, 1

-- name: tables-of-schema
-- source: github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts at commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100, showTables('public')
-- check: table
-- keep: table author|book|review|good_reviews
SELECT quote_ident(table_name) AS "table"
      FROM information_schema.tables
      WHERE quote_ident(table_schema) = 'public'
      ORDER BY 1

-- name: columns
-- source: github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts at commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100, getSchema('review') (the column picker)
-- sort
SELECT quote_ident(column_name) AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE
      CASE WHEN array_length(parse_ident('review'),1) = 2
        THEN quote_ident(table_schema) = (parse_ident('review'))[1]
          AND quote_ident(table_name) = (parse_ident('review'))[2]
        ELSE quote_ident(table_name) = 'review'
          AND 
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )
      END

-- name: columns-qualified
-- source: github.com/grafana/grafana public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts at commit 12f912ab8d010f4d95a4043a0efaa20fc4ca0100, getSchema('public.book')
-- sort
SELECT quote_ident(column_name) AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE
      CASE WHEN array_length(parse_ident('public.book'),1) = 2
        THEN quote_ident(table_schema) = (parse_ident('public.book'))[1]
          AND quote_ident(table_name) = (parse_ident('public.book'))[2]
        ELSE quote_ident(table_name) = 'public.book'
          AND 
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )
      END
