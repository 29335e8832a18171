-- Scalar functions and operators: one single-column SELECT per line (see make-function-goldens.py).
-- operators
SELECT 1 + 2 * 3
SELECT -2 ^ 2
SELECT 2 ^ 10
SELECT 2.0 ^ 3
SELECT 7 / 2
SELECT 7.0 / 2
SELECT 7 % 3
SELECT 2147483647 + 1
SELECT 1 / 0
SELECT 1.5 / 0
SELECT 32767::int2 + 1::int2
SELECT 9223372036854775807 + 1
SELECT |/ 16
SELECT @ -5
SELECT 5 & 3
SELECT 1 << 4
SELECT 'a' || 'b'
SELECT 'a' || 1
SELECT 1 || 'a'
SELECT 'abc' ~ '^a'
SELECT 'ABC' ~* 'b'
SELECT 'abc' !~ 'z'
SELECT 'abc' OPERATOR(pg_catalog.~) 'b'
SELECT 'abc' ~ '('
SELECT 'abc' SIMILAR TO '(a|b)%'
SELECT 'abc' NOT SIMILAR TO 'a_'
SELECT 'a%c' LIKE 'a#%c' ESCAPE '#'
SELECT 'ABC' ILIKE 'a%'
SELECT 1 IS DISTINCT FROM NULL
SELECT NULL IS NOT DISTINCT FROM NULL
SELECT 'abc' COLLATE "C" < 'abd'
SELECT date '2024-02-29' + 1
SELECT date '2024-03-01' - date '2024-01-01'
SELECT date '2024-01-31' + interval '1 month'
SELECT timestamp '2024-01-01 10:00' - timestamp '2023-12-30 08:30'
SELECT timestamp '2024-01-01 10:00' + interval '1 day 2 hours'
SELECT interval '1 day' * 1.5
SELECT interval '1 hour' + interval '30 minutes'
SELECT - interval '1 day'
SELECT interval '3 days' / 2
SELECT interval '1 day' > interval '23 hours'
SELECT timestamptz '2024-01-01 00:00+00' AT TIME ZONE 'America/New_York'
SELECT timestamp '2024-07-01 12:00' AT TIME ZONE 'Europe/Paris'
SELECT date '2024-01-01' + time '10:30'
-- strings
SELECT lower('ABC')
SELECT upper('abc')
SELECT length('héllo')
SELECT octet_length('héllo')
SELECT substring('hello' from 2 for 3)
SELECT substring('hello' from 2)
SELECT substring('foobar' from 'o(.)b')
SELECT position('l' in 'hello')
SELECT strpos('hello', 'lo')
SELECT trim('  x  ')
SELECT trim(leading 'x' from 'xxaxx')
SELECT trim(trailing from 'a  ')
SELECT btrim('xxaxx', 'x')
SELECT replace('hello', 'l', 'L')
SELECT initcap('hello wORLD foo_bar')
SELECT repeat('ab', 3)
SELECT reverse('abc')
SELECT translate('12345', '143', 'ax')
SELECT chr(65)
SELECT ascii('A')
SELECT regexp_replace('2024-02-29', '(\d+)-(\d+)-(\d+)', '\3/\2/\1')
SELECT regexp_replace('aaa', 'a', 'b', 'g')
SELECT regexp_replace('AaA', 'a', 'x', 'gi')
SELECT regexp_match('foobarbequebaz', '(bar)(beque)')
SELECT regexp_match('abc', 'z')
SELECT regexp_split_to_array('a1b22c', '\d+')
SELECT format('%s is %s', 'x', 42)
SELECT format('%I.%I', 'Foo', 'bar')
SELECT format('%L', 'it''s')
SELECT format('%2$s %1$s', 'a', 'b')
SELECT format('[%-5s]', 'ab')
SELECT format('%L', NULL)
SELECT quote_ident('Foo Bar')
SELECT quote_ident('select')
SELECT quote_literal('it''s')
SELECT quote_literal(42)
SELECT quote_nullable(NULL)
SELECT to_hex(255)
SELECT split_part('a,b,c', ',', 2)
SELECT concat('a', NULL, 1, true)
SELECT concat_ws('-', 'a', NULL, 2)
SELECT left('hello', -2)
SELECT lpad('7', 3, '0')
SELECT md5('abc')
SELECT starts_with('hello', 'he')
SELECT overlay('Txxxxas' placing 'hom' from 2 for 4)
SELECT lower(NULL)
SELECT nosuchfunction(1)
SELECT length(1)
-- math
SELECT abs(-4.5)
SELECT abs(-3)
SELECT ceil(4.2)
SELECT ceiling(-4.2::float8)
SELECT floor(-4.2)
SELECT trunc(4.567, 2)
SELECT trunc(-4.7)
SELECT round(4.567, 2)
SELECT round(2.5::float8)
SELECT round(-2.5)
SELECT mod(17, 5)
SELECT mod(-17.5, 5)
SELECT power(2, 10)
SELECT power(2.0, 0.5)
SELECT sqrt(2)
SELECT sqrt(2::numeric)
SELECT sqrt(-1)
SELECT cbrt(-8)
SELECT exp(1.0)
SELECT ln(2.0)
SELECT ln(0)
SELECT log(100)
SELECT log(100.0)
SELECT log(2.0, 64.0)
SELECT sign(-4.5)
SELECT pi()
SELECT div(17, 5)
SELECT greatest(1, 5, 3)
SELECT least('b', 'a')
SELECT greatest(1, 2.5)
SELECT width_bucket(5.35, 0.024, 10.06, 5)
SELECT coalesce(NULL, 2, 3)
SELECT nullif(1, 1)
SELECT random() < 1
-- date/time
SELECT extract(year FROM timestamp '2024-02-29 13:45:07.25')
SELECT extract(second FROM timestamp '2024-02-29 13:45:07.25')
SELECT extract(epoch FROM timestamp '2024-02-29 13:45:07.25')
SELECT extract(dow FROM date '2024-02-29')
SELECT extract(isodow FROM date '2024-03-03')
SELECT extract(doy FROM date '2024-12-31')
SELECT extract(week FROM date '2024-12-31')
SELECT extract(quarter FROM date '2024-08-01')
SELECT extract(century FROM date '2024-08-01')
SELECT extract(epoch FROM interval '1 day 2 hours')
SELECT extract(hour FROM date '2024-01-01')
SELECT extract(foo FROM timestamp '2024-01-01')
SELECT date_part('month', timestamp '2024-02-29 13:45:07')
SELECT date_part('day', date '2024-02-29')
SELECT date_trunc('month', timestamp '2024-02-29 13:45:07')
SELECT date_trunc('week', timestamp '2024-02-29 13:45:07')
SELECT date_trunc('quarter', timestamp '2024-08-29 13:45:07')
SELECT date_trunc('hour', timestamptz '2024-02-29 13:45:07+00')
SELECT date_trunc('day', timestamptz '2024-02-29 13:45:07+00', 'Asia/Tokyo')
SELECT date_trunc('hour', interval '1 day 5 hours 30 minutes')
SELECT date_trunc('foo', timestamp '2024-01-01')
SELECT age(timestamp '2024-02-29', timestamp '2023-01-31')
SELECT age(timestamp '2023-01-31', timestamp '2024-02-29 10:00')
SELECT make_date(2024, 2, 29)
SELECT make_date(2023, 2, 29)
SELECT make_timestamp(2024, 2, 29, 13, 45, 7.5)
SELECT make_interval(1, 2, 0, 3)
SELECT justify_days(interval '35 days')
SELECT justify_hours(interval '27 hours')
SELECT justify_interval(interval '1 mon -1 hour')
SELECT isfinite(date 'infinity')
SELECT to_char(date '2024-02-29', 'YYYY-MM-DD')
SELECT to_char(timestamp '2024-02-09 13:05:07.123456', 'HH12:MI:SS AM Dy Mon DD YYYY')
SELECT to_char(timestamp '2024-02-09 13:05:07.123456', 'FMMonth FMDD, YYYY HH24:MI:SS.MS US')
SELECT to_char(timestamp '2024-02-09 13:05:07', 'Day Month Q WW IW J DDD')
SELECT to_char(timestamp '2024-02-01 00:00', 'DDth Mon "of" YYYY')
SELECT to_char(timestamptz '2024-02-09 13:05:07+00', 'YYYY-MM-DD HH24:MI TZ')
SELECT to_char(1234.5, 'FM999,999.00')
SELECT to_char(1234.5, '999,999.00')
SELECT to_char(-1234.5, '999,999.00')
SELECT to_char(42, '0000')
SELECT to_char(0.5, '9.99')
SELECT to_char(123456, '999')
SELECT to_char(12, 'FM999.99')
SELECT to_date('2024-02-29', 'YYYY-MM-DD')
SELECT to_date('29 Feb 2024', 'DD Mon YYYY')
SELECT to_timestamp('2024-02-29 13:45:07', 'YYYY-MM-DD HH24:MI:SS')
SELECT to_timestamp(1709214307.25)
SELECT timezone('UTC', timestamptz '2024-01-01 00:00+02')
SELECT now() = current_timestamp
SELECT now() = transaction_timestamp()
SELECT current_date = now()::date
SELECT localtimestamp IS NOT NULL
-- system
SELECT current_schema()
SELECT current_user
SELECT session_user
SELECT gen_random_uuid() IS NOT NULL
SELECT pg_sleep(0)
SELECT current_setting('no.such_setting', true)
-- arrays
SELECT ARRAY[1, 2, 3]
SELECT ARRAY[1, 2.5]
SELECT ARRAY['a', 'b']
SELECT ARRAY[[1, 2], [3, 4]]
SELECT ARRAY[[1, 2], [3]]
SELECT ARRAY[]::int[]
SELECT ARRAY[]
SELECT (ARRAY[10, 20, 30])[2]
SELECT (ARRAY[10, 20, 30])[5]
SELECT (ARRAY[10, 20, 30, 40])[2:3]
SELECT (ARRAY[10, 20, 30, 40])[:2]
SELECT (ARRAY[10, 20, 30, 40])[3:]
SELECT (ARRAY[[1, 2], [3, 4]])[2][1]
SELECT (ARRAY[[1, 2], [3, 4]])[2]
SELECT ('{1,2,3}'::int[])[1]
SELECT 2 = ANY (ARRAY[1, 2, 3])
SELECT 5 = ANY (ARRAY[1, NULL, 3])
SELECT 5 <> ALL (ARRAY[1, 2, 3])
SELECT 5 <> ALL (ARRAY[1, NULL, 3])
SELECT 'b' = ANY ('{a,b}')
SELECT 1 = ANY ('{}'::int[])
SELECT 1 > ALL ('{}'::int[])
SELECT 1 = ANY (NULL::int[])
SELECT 1 = ANY (1)
SELECT array_length(ARRAY[1, 2, 3], 1)
SELECT array_length(ARRAY[1, 2, 3], 2)
SELECT array_upper(ARRAY[[1, 2], [3, 4]], 2)
SELECT array_lower(ARRAY[1, 2], 1)
SELECT array_ndims(ARRAY[[1, 2], [3, 4]])
SELECT array_dims(ARRAY[[1, 2], [3, 4]])
SELECT cardinality(ARRAY[[1, 2], [3, 4]])
SELECT cardinality('{}'::text[])
SELECT array_to_string(ARRAY[1, NULL, 3], ',')
SELECT array_to_string(ARRAY[1, NULL, 3], ',', '*')
SELECT string_to_array('a,b,,c', ',')
SELECT string_to_array('a,b,x', ',', 'x')
SELECT array_append(ARRAY[1, 2], 3)
SELECT array_prepend(0, ARRAY[1, 2])
SELECT array_cat(ARRAY[1, 2], ARRAY[3])
SELECT ARRAY[1, 2] || 3
SELECT 0 || ARRAY[1, 2]
SELECT ARRAY[1, 2] || ARRAY[3, 4]
SELECT ARRAY[[1, 2]] || ARRAY[3, 4]
SELECT ARRAY['a'] || 'b'
SELECT array_position(ARRAY['a', 'b', 'c'], 'b')
SELECT array_positions(ARRAY[1, 2, 1], 1)
SELECT array_remove(ARRAY[1, 2, 1, 3], 1)
SELECT array_replace(ARRAY[1, 2, 1], 1, 9)
SELECT ARRAY[1, 2, 3] @> ARRAY[2, 3]
SELECT ARRAY[1, 2] <@ ARRAY[1]
SELECT ARRAY[1, 2] && ARRAY[2, 5]
SELECT ARRAY[1, 2] = ARRAY[1, 2]
SELECT ARRAY[1, 2] < ARRAY[1, 3]
SELECT ARRAY[1, 2]::text[]
SELECT ARRAY['1', '2']::int[]
SELECT array_append(NULL::int[], 1)
SELECT 1.5::real * 2
SELECT 10::real / 3
-- jsonb
SELECT '{"a": 1, "b": [1, 2]}'::jsonb -> 'b'
SELECT '{"a": 1}'::jsonb ->> 'a'
SELECT '{"a": {"b": 2}}'::jsonb #> '{a,b}'
SELECT '{"a": {"b": "x"}}'::jsonb #>> '{a,b}'
SELECT '[1, 2, 3]'::jsonb -> 1
SELECT '[1, 2, 3]'::jsonb ->> -1
SELECT '{"a": null}'::jsonb ->> 'a'
SELECT '{"a": 1}'::jsonb -> 'z'
SELECT '{"a": 1, "b": 2}'::jsonb @> '{"a": 1}'
SELECT '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}'
SELECT '[1, 2, [3]]'::jsonb @> '[[3]]'
SELECT '["a", "b"]'::jsonb @> '"a"'
SELECT '{"a": 1}'::jsonb ? 'a'
SELECT '{"a": 1, "b": 2}'::jsonb ?| ARRAY['b', 'c']
SELECT '{"a": 1, "b": 2}'::jsonb ?& ARRAY['b', 'c']
SELECT '{"a": 1}'::jsonb || '{"b": 2}'
SELECT '[1]'::jsonb || '[2]'
SELECT '{"a": 1, "b": 2}'::jsonb - 'a'
SELECT '{"a": 1}'::jsonb = '{"a": 1.0}'
SELECT jsonb_build_object('a', 1, 'b', 'x', 'c', NULL, 'dd', true)
SELECT jsonb_build_object('a')
SELECT json_build_object('a', 1, 'b', ARRAY[[1, 2], [3, 4]], 'c', '{"b": 1, "a": 2}'::jsonb, 'd', '{"y":  2}'::json, 'a', 'q"x')
SELECT json_build_object('e', '2024-01-01 10:00:00'::timestamp, 'f', NULL, 'g', 1.50, 'h', true, 'i', ARRAY['x', 'y'])
SELECT json_build_object()
SELECT json_build_object('a')
SELECT json_build_object(NULL, 1)
SELECT jsonb_build_array(1, 'two', NULL, 2.5)
SELECT to_jsonb(42)
SELECT to_jsonb('it''s'::text)
SELECT to_jsonb(ARRAY[1, 2])
SELECT to_jsonb(timestamp '2024-01-01 10:00')
SELECT to_jsonb(date '2024-01-01')
SELECT to_jsonb(true)
SELECT jsonb_typeof('{"a": 1}')
SELECT jsonb_typeof('1.5')
SELECT jsonb_array_length('[1, 2, 3]')
SELECT jsonb_array_length('{}')
SELECT jsonb_extract_path('{"a": {"b": [10, 20]}}', 'a', 'b', '1')
SELECT jsonb_extract_path_text('{"a": {"b": "x"}}', 'a', 'b')
SELECT jsonb_set('{"a": 1, "b": {"c": 2}}', '{b,c}', '3')
SELECT jsonb_set('{"a": 1}', '{z}', '"new"')
SELECT jsonb_set('[1, 2]', '{5}', '9')
SELECT jsonb_strip_nulls('{"a": null, "b": {"c": null, "d": 1}}')
SELECT '{"b": 1, "aa": 2, "a": 3}'::jsonb
-- rows, more operators and errors
SELECT (1, 2) < (1, 3)
SELECT (1, NULL) < (2, 1)
SELECT (1, NULL) < (1, 1)
SELECT (1, 2) = (1, 2)
SELECT (1, 2) <> (1, NULL)
SELECT (1, 2) >= (1, 2)
SELECT (1, 2) = (1, 2, 3)
SELECT 32767::int2 * 2::int2
SELECT (-2147483648)::int4 / -1
SELECT 5 % 0
SELECT 2.5 % 1
SELECT 1e308::float8 * 10
SELECT 0 ^ -1
SELECT (-8) ^ 0.5
SELECT 'abc' ~ '[[:alpha:]]+$'
SELECT 'foo bar' ~ '\mbar'
SELECT regexp_replace('Hello World', '(\w+) (\w+)', '\2 \1')
SELECT regexp_replace('abc', 'b', 'x', 'z')
SELECT 'a.c' SIMILAR TO 'a.c'
SELECT 'abc' SIMILAR TO 'a[bc]+'
SELECT substring('Thomas' similar '%#"o_a#"_' escape '#')
SELECT 'x' LIKE 'x\'
SELECT timestamptz '2024-03-10 01:30:00-05' + interval '1 hour'
SELECT timestamp '2024-03-10 02:30:00' AT TIME ZONE 'America/New_York'
SELECT timestamp '2024-01-01 00:00' AT TIME ZONE 'Mars/Phobos'
SELECT timestamptz '2024-01-01 00:00+00' AT TIME ZONE 'EST'
SELECT timestamptz '2024-01-01 00:00+00' AT TIME ZONE '+05'
SELECT timestamptz '2024-01-01 00:00+00' AT TIME ZONE interval '02:00'
SELECT date '2024-01-31' + interval '1 month' * 2
SELECT interval '1 mon' * 0.5
SELECT interval '1 day' / 0
SELECT time '10:00' + interval '15 hours'
SELECT time '10:00' - time '08:30'
SELECT date 'infinity' + 1
SELECT extract(epoch FROM timestamptz '2024-01-01 00:00+02')
SELECT extract(timezone FROM timestamptz '2024-01-01 00:00+02')
SELECT extract(julian FROM date '2024-01-01')
SELECT extract(millennium FROM date '2001-01-01')
SELECT extract(isoyear FROM date '2021-01-01')
SELECT date_part('epoch', interval '1 year')
SELECT date_trunc('millennium', timestamp '2024-05-05')
SELECT date_trunc('decade', date '2024-05-05')
SELECT age(date '2024-02-29', date '2020-02-29')
SELECT to_char(interval '2 days 03:04:05', 'HH24:MI:SS')
SELECT to_char(timestamp '2024-02-09 13:05:07', 'YYYY "Q"Q')
SELECT to_char(timestamp '2024-02-09 13:05:07', 'hh12 am mon dy')
SELECT to_char(-0.5, 'S9.99')
SELECT to_char(1234567.891, '9G999G999D99')
SELECT to_char(5, '9th')
SELECT make_interval(0, 0, 1, 2, 3, 4, 5.5)
SELECT make_time(25, 0, 0)
SELECT to_timestamp(0)
SELECT current_schemas(true)
SELECT version() LIKE 'PostgreSQL 15%'
SELECT concat()
SELECT format('%s %s', 'a')
SELECT format('%x', 1)
SELECT format('%I', NULL)
SELECT chr(0)
SELECT repeat('x', -1)
SELECT translate('abc', 'ab', '')
SELECT split_part('a,b', ',', 0)
SELECT 'abc' || NULL
SELECT NULL::text || 'x'
SELECT octet_length('abc'::bytea)
SELECT trunc(1234.5678, -2)
SELECT round(1234.5678, -2)
SELECT round(1.5::float8)
SELECT floor(-0.5::float8)
SELECT power(2.0, -2)
SELECT exp(10.0)
SELECT ln(1e10)
SELECT sqrt(16::numeric)
SELECT 10.0 ^ 3
SELECT abs(-2147483648)
SELECT greatest(NULL, NULL)
SELECT least(1, NULL, 0)
SELECT 'a' < 'B'
SELECT true > false
SELECT 'a'::text = 'a'::varchar
SELECT uuid 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'
SELECT 1::bigint << 62
SELECT ~5
SELECT 5 # 3
SELECT 'xy' LIKE 'x\'
SELECT 'a_b' LIKE 'a\_b'
SELECT 'abc' ~~ 'a%'
SELECT 'abc' !~~* 'A%'
-- casts and SQL value functions
SELECT ('{"a": 1}'::jsonb -> 'a')::int
SELECT ('{"a": 1.5}'::jsonb -> 'a')::numeric
SELECT ('{"a": "x"}'::jsonb -> 'a')::int
SELECT 'true'::jsonb::boolean
SELECT '{"a": 1}'::jsonb::text
SELECT '{"a":1}'::json::jsonb
SELECT time '01:30' ::interval
SELECT interval '01:30'::time
SELECT 'a' COLLATE pg_catalog.default
SELECT current_time IS NOT NULL
SELECT current_timestamp(0) IS NOT NULL
SELECT localtime IS NOT NULL
SELECT statement_timestamp() >= now()
SELECT clock_timestamp() >= now()
SELECT '1'::int::bool
SELECT true::int
SELECT 3.7::int
SELECT '2.5'::float8::int
SELECT 40000::int2
SELECT 'abc'::int
SELECT '{1,2,3}'::int[]
SELECT 12::text || 'x'
SELECT '2024-01-01'::date::text
SELECT now()::date = current_date
SELECT make_interval(days => 10)
SELECT make_interval(hours => 2, mins => 30)
SELECT make_interval(secs => 1.5)
SELECT make_interval(years => 1, days => 2)
SELECT timestamp '2024-01-01' - date '2023-12-25'
SELECT date '2024-01-01' - 1
SELECT now() - interval '1 day' < now()
SELECT '2024-01-01'::date - '2023-12-01'
SELECT parse_ident('public.book')
SELECT parse_ident(' "My Tab" . Foo ')
SELECT parse_ident('a b', false)
SELECT parse_ident('a b')
SELECT parse_ident('a.')
SELECT parse_ident('"a')
