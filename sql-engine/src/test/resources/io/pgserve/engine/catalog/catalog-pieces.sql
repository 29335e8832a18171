-- Catalog pieces psql and drivers use, compared with PostgreSQL 15 by CatalogPiecesTest (goldens/catalog-pieces.out,
-- recorded by client-goldens.sh) over memdb with schema.sql built in it.
-- pg_get_keywords(): PostgreSQL 15's keyword list
select count(*), count(*) filter (where catcode = 'R') as reserved, count(*) filter (where not barelabel) as as_needed from pg_get_keywords();
select * from pg_get_keywords();
-- pg_typeof
select pg_typeof(1), pg_typeof('a'::text), pg_typeof(now()), pg_typeof(array[1,2]), pg_typeof(null), pg_typeof(1.5), pg_typeof('x'), pg_typeof(pg_typeof(1)), pg_typeof('{1}'::int2[]), pg_typeof(1::int8 + 1), pg_typeof(indkey) from pg_index limit 1;
-- system columns in pg_attribute, tableoid in queries
select attname, attnum, atttypid::regtype, format_type(atttypid, atttypmod), attlen, attbyval, attalign, attstorage, attnotnull, attcacheoff, atttypmod from pg_attribute where attrelid = 'author'::regclass order by attnum;
select attname, attnum from pg_attribute where attrelid = 'good_reviews'::regclass order by attnum;
select attname, attnum from pg_attribute where attrelid = 'author_id_seq'::regclass and attnum < 0 order by attnum;
insert into author (name) values ('Le Guin');
select tableoid::regclass, tableoid = 'author'::regclass as same, name from author;
select a.tableoid::regclass, author.tableoid::regclass from author a, author;
select tableoid from author a join review r on r.author_id = a.id;
delete from author;
select typname, typlen, typbyval, typalign, typcategory, typinput, typoutput, typsubscript, typelem::regtype, typarray::regtype from pg_type where typname in ('tid', 'xid', 'cid', 'int2vector', 'oidvector', '_int2vector', '_oidvector') order by 1;
select '(1,2)'::tid, '42'::xid, '7'::cid, '1 2'::int2vector, '1 2'::int2vector::int2[], ('3 4'::oidvector)[1];
-- int2vector in the catalog: subscripts from 0, text as psql and SQLAlchemy read it
select c.relname, i.indkey, i.indkey::text, i.indoption, i.indclass::text <> '' as has_indclass, i.indkey[0], array_lower(i.indkey, 1), array_upper(i.indkey, 1) from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname in ('book_pkey', 'author_pkey', 'review_stars_idx') order by 1;
-- information_schema.routines and parameters of functions the engine has
select routine_catalog, routine_schema, routine_name, routine_type, data_type, type_udt_name, is_null_call, routine_body, external_language, parameter_style, security_type from information_schema.routines where routine_name in ('format_type', 'quote_ident', 'pg_get_userbyid', 'to_regclass', 'pg_typeof', 'array_upper') order by 3, 5;
select r.routine_name, p.ordinal_position, p.parameter_mode, p.is_result, p.data_type, p.udt_schema, p.udt_name, p.dtd_identifier from information_schema.routines r join information_schema.parameters p using (specific_name) where r.routine_name in ('format_type', 'quote_ident', 'pg_get_userbyid', 'to_regclass', 'pg_typeof', 'array_upper') order by 1, 2;
select specific_name = routine_name || '_' || p.oid as specific_name_is_name_oid from information_schema.routines r join pg_proc p on p.proname = r.routine_name where r.routine_name = 'quote_ident';
-- json_build_object's text, as SQLAlchemy's identity query builds it
select json_build_object('a', 1, 'b', true, 'c', 'x'::text, 'd', null::int, 'e', array[1,2], 'f', '{"k": [1, 2]}'::jsonb, 'g', 1.50), json_build_array(1, 'two', array['x']);
select x, ord from unnest('{7,8,9}'::int[]) with ordinality as u(x, ord), generate_subscripts('{7,8,9}'::int[], 1) s where s = ord order by ord;
select generate_subscripts('[0:2]={1,2,3}'::int[], 1, true);
-- view definitions as pg_get_viewdef prints them (plain and pretty), and psql's \d+ of a view
create view v_all as select * from author;
create view v_where as select a.name as n, a.id from author a where a.name like 'A%' order by a.id desc limit 5;
create view v_named (x, y) as select id, lower(name) from public.author where born is not null and id in (1, 2, 3);
create view v_exprs as select isbn, price * 2 + 1 as p, pages from book where pages > 10 and (price < 5 or price is null) order by pages desc nulls last;
select viewname, definition, pg_get_viewdef(viewname::regclass, true) as pretty from pg_views where schemaname = 'public' order by 1;
\d+ good_reviews
\d+ v_exprs
drop view v_all, v_where, v_named, v_exprs;
-- IN lists in CHECK constraints, plain and pretty (= ANY keeps its parentheses under AND, OR, NOT)
create table in_checks (a int check (a in (1, 2) and a > 0), b int check (b in (1, 2)), c int check (not (c in (3, 4)) or c is null));
select conname, pg_get_constraintdef(oid, true), pg_get_constraintdef(oid) from pg_constraint where conrelid = 'in_checks'::regclass order by conname;
drop table in_checks;
