-- One query per entry; entries are separated by a line of five hashes after two dashes. Results are compared row
-- for row with PostgreSQL's, in order when the query has ORDER BY, as a multiset otherwise.
SELECT 1
-- #####
SELECT 1 + 2 * 3, -2 ^ 2, 7 / 2, 7.0 / 2, 7 % 3, 2 ^ 10
-- #####
SELECT 'a' || 'b', 'x' || NULL, NULL || NULL, lower('ÉcOLE'), upper('straße'), length('héllo')
-- #####
SELECT NULL = NULL, NULL IS NULL, 1 IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL
-- #####
SELECT true AND NULL, false AND NULL, true OR NULL, false OR NULL, NOT NULL::boolean
-- #####
SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END, COALESCE(NULL, NULL, 3), NULLIF(5, 5), NULLIF(5, 6)
-- #####
SELECT 5 BETWEEN 1 AND 10, 5 NOT BETWEEN 6 AND 10, 3 IN (1, 2, 3), 4 NOT IN (1, 2, NULL), 1 IN (1, NULL)
-- #####
SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'ABC' ILIKE 'a%', 'a_c' LIKE 'a\_c', 'abc' NOT LIKE '%d'
-- #####
SELECT '42'::int + 1, 3.7::int, (-3.5)::int, '2024-02-29'::date + 1, 10::numeric / 4, 1.5::float8 * 2
-- #####
SELECT * FROM departments
-- #####
SELECT id, name FROM employees WHERE active ORDER BY id
-- #####
SELECT name, salary FROM employees WHERE salary > 6000 ORDER BY salary DESC, name
-- #####
SELECT name FROM employees WHERE dept_id IS NULL OR salary IS NULL ORDER BY name
-- #####
SELECT name FROM employees WHERE name LIKE '%a%' ORDER BY name
-- #####
SELECT name FROM employees WHERE lower(name) LIKE 'h%'
-- #####
SELECT e.name, d.name AS dept FROM employees e JOIN departments d ON e.dept_id = d.id ORDER BY e.id
-- #####
SELECT e.name, d.name FROM employees e LEFT JOIN departments d ON d.id = e.dept_id ORDER BY e.id
-- #####
SELECT d.name, e.name FROM departments d LEFT JOIN employees e ON e.dept_id = d.id AND e.active ORDER BY d.id, e.id
-- #####
SELECT e.name, m.name AS manager FROM employees e LEFT JOIN employees m ON m.id = e.manager_id ORDER BY e.id
-- #####
SELECT count(*), count(salary), count(DISTINCT dept_id), sum(salary), avg(salary), min(hired), max(name)
  FROM employees
-- #####
SELECT dept_id, count(*), sum(salary) FROM employees GROUP BY dept_id ORDER BY dept_id NULLS FIRST
-- #####
SELECT dept_id, count(*) AS n FROM employees GROUP BY dept_id HAVING count(*) > 1 ORDER BY n DESC, dept_id
-- #####
SELECT d.name, count(e.id), coalesce(sum(e.salary), 0) FROM departments d LEFT JOIN employees e
  ON e.dept_id = d.id GROUP BY d.name ORDER BY d.name
-- #####
SELECT DISTINCT dept_id FROM employees
-- #####
SELECT DISTINCT salary FROM employees WHERE salary IS NOT NULL ORDER BY salary
-- #####
SELECT name FROM employees ORDER BY hired NULLS LAST LIMIT 3
-- #####
SELECT name FROM employees ORDER BY name LIMIT 2 OFFSET 2
-- #####
SELECT name FROM employees ORDER BY salary DESC NULLS LAST, id LIMIT 4
-- #####
SELECT name FROM employees WHERE dept_id IN (SELECT id FROM departments WHERE budget > 500000) ORDER BY id
-- #####
SELECT name FROM employees e WHERE EXISTS (SELECT 1 FROM projects p WHERE p.dept_id = e.dept_id) ORDER BY id
-- #####
SELECT name, (SELECT name FROM departments d WHERE d.id = e.dept_id) FROM employees e ORDER BY id
-- #####
SELECT name FROM employees WHERE salary > (SELECT avg(salary) FROM employees) ORDER BY name
-- #####
SELECT id FROM employees UNION SELECT id FROM departments ORDER BY 1
-- #####
SELECT dept_id FROM employees UNION ALL SELECT dept_id FROM projects
-- #####
SELECT dept_id FROM employees INTERSECT SELECT id FROM departments
-- #####
SELECT id FROM departments EXCEPT SELECT dept_id FROM employees
-- #####
VALUES (1, 'one'), (2, 'two'), (3, NULL)
-- #####
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(n, s) WHERE n > 1
-- #####
WITH rich AS (SELECT * FROM employees WHERE salary > 7000) SELECT name FROM rich ORDER BY name
-- #####
WITH RECURSIVE chain(id, name, depth) AS (
    SELECT id, name, 0 FROM employees WHERE manager_id IS NULL
  UNION ALL
    SELECT e.id, e.name, c.depth + 1 FROM employees e JOIN chain c ON e.manager_id = c.id
) SELECT name, depth FROM chain ORDER BY depth, name
-- #####
SELECT title, hours FROM projects WHERE started >= '2023-01-01' ORDER BY started
-- #####
SELECT title, extract(year FROM started), date_trunc('month', started) FROM projects WHERE started IS NOT NULL
  ORDER BY id
-- #####
SELECT name, hired, hired + interval '30 days' FROM employees WHERE hired IS NOT NULL ORDER BY id
-- #####
SELECT name, salary * 12 AS yearly, round(salary / 3, 2) FROM employees WHERE salary IS NOT NULL ORDER BY id
-- #####
SELECT name, substring(name from 2 for 3), position('a' in name), replace(name, 'a', 'A') FROM employees ORDER BY id
-- #####
SELECT e.name, p.title FROM employees e CROSS JOIN projects p WHERE e.id = 1 ORDER BY p.id
-- #####
SELECT d.name, p.title FROM departments d FULL JOIN projects p ON p.dept_id = d.id ORDER BY d.id, p.id
-- #####
SELECT name, row_number() OVER (ORDER BY salary DESC NULLS LAST, id) FROM employees ORDER BY 2
-- #####
SELECT name, dept_id, rank() OVER (PARTITION BY dept_id ORDER BY salary DESC) FROM employees
  WHERE dept_id IS NOT NULL ORDER BY dept_id, 3, name
-- #####
SELECT string_agg(name, ', ' ORDER BY name), array_agg(id ORDER BY id) FROM employees WHERE active
-- #####
SELECT bool_and(active), bool_or(active), count(*) FILTER (WHERE active) FROM employees
-- #####
SELECT greatest(1, 5, 3), least('b', 'a'), abs(-4.5), ceil(4.2), floor(-4.2), trunc(4.567, 2), mod(17, 5)
-- #####
SELECT generate_series(1, 5)
-- #####
SELECT n, n * n FROM generate_series(1, 4) AS n ORDER BY n
-- #####
SELECT ARRAY[1, 2, 3], (ARRAY[10, 20, 30])[2], array_length(ARRAY[1, 2, 3], 1), cardinality(ARRAY[[1, 2], [3, 4]])
-- #####
SELECT name FROM employees WHERE id = ANY (ARRAY[1, 3, 5]) ORDER BY id
-- #####
SELECT '{"a": 1, "b": [1, 2]}'::jsonb -> 'b', '{"a": 1}'::jsonb ->> 'a', '{"a": {"b": 2}}'::jsonb #> '{a,b}'
-- #####
SELECT split_part('a,b,c', ',', 2), concat('a', NULL, 'b'), concat_ws('-', 'a', NULL, 'b'), left('hello', 2),
  right('hello', 2), lpad('7', 3, '0'), rpad('x', 3, '.'), starts_with('hello', 'he'), md5('abc')
-- #####
SELECT format('%s is %s', 'x', 42), quote_ident('Foo Bar'), quote_literal('it''s'), trim('  x  '),
  btrim('xxaxx', 'x'), ltrim('  y'), rtrim('z  ')
-- #####
SELECT regexp_replace('2024-02-29', '(\d+)-(\d+)-(\d+)', '\3/\2/\1'), 'abc' ~ '^a', 'ABC' ~* 'b', 'abc' !~ 'z'
-- #####
SELECT 'abc' SIMILAR TO '(a|b)%', to_char(date '2024-02-29', 'YYYY-MM-DD'), make_date(2024, 2, 29)
-- #####
SELECT dept_id, max(salary) - min(salary) AS spread FROM employees WHERE salary IS NOT NULL GROUP BY dept_id
  HAVING max(salary) > min(salary) ORDER BY 1
-- #####
SELECT DISTINCT ON (dept_id) dept_id, name FROM employees ORDER BY dept_id, salary DESC NULLS LAST
-- #####
SELECT e.name FROM employees e, LATERAL (SELECT count(*) AS n FROM projects p WHERE p.dept_id = e.dept_id) c
  WHERE c.n > 1 ORDER BY e.name
-- #####
SELECT count(*) FROM employees e JOIN departments d USING (id)
-- #####
SELECT id, name FROM departments NATURAL JOIN (SELECT id, 'x' AS other FROM employees) t ORDER BY id
-- #####
-- Numeric widening, arithmetic, literals (66-)
SELECT 1::smallint + 1, 2::int * 3::bigint, 1 + 1.5, 2::bigint / 3, 7::numeric % 3, 1.5::real + 1, 10 / 4.0, -7 / 2,
  -7 % 3
-- #####
SELECT 2147483647 + 1
-- #####
SELECT 1 / 0
-- #####
SELECT 1.0 / 0
-- #####
SELECT 0.1::float8 + 0.2::float8, 1e100::float8, 1.0 / 3, 2::float8 / 3, sqrt(2::float8), 100::float8
-- #####
SELECT round(2.5), round(-2.5), round(2.567, 1), round(2.5::float8), trunc(-2.7), ceil(-0.5), floor(2.9::float8)
-- #####
SELECT power(2, 10), power(2.0, 0.5), sqrt(16), mod(-7, 3), abs(-7::bigint), abs(-2.5::float8)
-- #####
SELECT 12345678901234567890 * 10, 1.23456789012345678901234567890 + 1
-- #####
SELECT salary, salary * 1.1, salary::int, salary::float8 FROM employees ORDER BY id
-- #####
SELECT id, hours, hours * 2, round(hours::numeric, 1) FROM projects ORDER BY id
-- #####
SELECT sum(hours), avg(hours), max(hours), min(hours) FROM projects
-- #####
SELECT sum(id), avg(id), sum(id::bigint), avg(id::numeric) FROM employees
-- #####
SELECT 5 > 3.5, 2 = 2.0, 1::int2 < 70000, 3.0::float8 = 3, 1::bigint = 1::smallint
-- #####
-- Unknown-literal resolution
SELECT '1' + 2, '3.5'::numeric * '2', 1 + '2', '2024-01-31'::date < '2024-02-01'
-- #####
SELECT 'abc' = 'abc', 'a' < 'b', 'B' < 'a', 'abc' > 'ab', 'É' < 'e'
-- #####
SELECT date '2024-03-01' - date '2024-02-01', date '2024-03-01' - 1, date '2024-02-28' + 2
-- #####
-- Casts
SELECT CAST('12' AS int), CAST(3.99 AS int), CAST('t' AS boolean), CAST('yes' AS boolean), CAST(1 AS text),
  CAST(true AS text), 42::text || 'x'
-- #####
SELECT 'abc'::int
-- #####
SELECT '2024-02-30'::date
-- #####
SELECT '1e3'::float8, '  42  '::int, '-0'::numeric, 'NaN'::float8, 'Infinity'::float8, '-infinity'::float8
-- #####
SELECT 1.5::numeric(5,2), 123.456::numeric(6,2), 'x'::varchar(3), 'abcdef'::varchar(3), 'ab'::char(4) || '|'
-- #####
SELECT 99999::numeric(4,1)
-- #####
SELECT 32767::smallint + 1::smallint
-- #####
SELECT true::int, 1::boolean, 0::boolean, 'on'::boolean, 'off'::boolean
-- #####
SELECT '12:34:56'::time, '2024-02-29 12:00'::timestamp, '2024-02-29 12:00+02'::timestamptz,
  '1 day 2 hours'::interval
-- #####
SELECT '00000000-0000-0000-0000-000000000001'::uuid,
  'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'
-- #####
-- NULL and three-valued logic
SELECT 3 = NULL, NULL <> 1, NULL > 1, NOT (NULL = 1), NULL::int + 1, 'a' || NULL::text
-- #####
SELECT NULL AND false, NULL OR true, (NULL::boolean) IS UNKNOWN, true IS TRUE, NULL::boolean IS NOT FALSE,
  false IS NOT TRUE
-- #####
SELECT name FROM employees WHERE NOT (salary > 5000) ORDER BY id
-- #####
SELECT name FROM employees WHERE salary NOT IN (7200.50, 9500.00) ORDER BY id
-- #####
SELECT name FROM employees WHERE dept_id NOT IN (SELECT dept_id FROM projects)
-- #####
SELECT name FROM employees WHERE dept_id NOT IN (SELECT dept_id FROM projects WHERE dept_id IS NOT NULL) ORDER BY id
-- #####
SELECT count(*) FROM employees WHERE manager_id = NULL
-- #####
SELECT coalesce(salary, 0), coalesce(email, name || '@none') FROM employees ORDER BY id
-- #####
SELECT nullif('a', 'a') IS NULL, coalesce(NULL, 'x'), greatest(1, NULL, 3), least(NULL::int, NULL),
  greatest('apple', 'banana')
-- #####
SELECT CASE dept_id WHEN 1 THEN 'eng' WHEN 2 THEN 'sales' ELSE 'other' END,
  CASE WHEN salary IS NULL THEN 'n/a' END FROM employees ORDER BY id
-- #####
SELECT CASE WHEN NULL THEN 1 ELSE 2 END, CASE NULL WHEN NULL THEN 'eq' ELSE 'ne' END
-- #####
-- String functions
SELECT lower(name), upper(name), length(name), char_length(name) FROM employees ORDER BY id
-- #####
SELECT substring('hello world', 7), substring('hello' from 2), substring('hello' for 2), substr('hello', 2, 3),
  substring('abc', 0, 2), substring('abc', -1)
-- #####
SELECT position('lo' in 'hello'), position('z' in 'hello'), strpos('hello', 'l')
-- #####
SELECT trim(both 'x' from 'xxaxx'), trim(leading from '  a  '), trim(trailing 'y' from 'ayy'),
  '[' || trim('  a b  ') || ']'
-- #####
SELECT replace('banana', 'an', 'AN'), replace('abc', '', 'x'), replace(NULL, 'a', 'b')
-- #####
SELECT split_part('a.b.c', '.', 3), split_part('a.b.c', '.', 4), split_part('a.b.c', '.', -1)
-- #####
SELECT concat(1, 2.5, true, NULL, date '2024-01-02'), concat_ws(', ', 'a', 'b', NULL, 'c'), concat_ws(NULL, 'a')
-- #####
SELECT left('hello', -2), right('hello', -2), lpad('hello', 3), lpad('hi', 5), rpad('hi', 5, 'ab'), lpad('', 2, '')
-- #####
SELECT starts_with(name, 'G'), md5(name) FROM employees ORDER BY id
-- #####
SELECT format('%s|%s|%s', 1, NULL, 'x'), format('%I.%I', 'public', 'My Table'), format('%L', 'O''Reilly'),
  format('%L', NULL), format('%%'), format('%2$s %1$s', 'a', 'b')
-- #####
SELECT quote_ident('abc'), quote_ident('select'), quote_ident('a"b'), quote_literal(42), quote_literal('a\b')
-- #####
SELECT name || ' (' || coalesce(email, '-') || ')' FROM employees ORDER BY id
-- #####
SELECT 'abc' || 1, 1 || 'abc', 'x' || true, 'd' || date '2024-01-01'
-- #####
-- LIKE, ILIKE, SIMILAR TO, regular expressions
SELECT name FROM employees WHERE name ILIKE '%A%' ORDER BY id
-- #####
SELECT name FROM employees WHERE email LIKE '%@example.com' AND name NOT LIKE 'B%' ORDER BY id
-- #####
SELECT 'a%b' LIKE 'a\%b', 'a%b' LIKE 'a#%b' ESCAPE '#', 'abc' LIKE 'ABC', 'abc' ILIKE 'A_C', 'ab' LIKE 'a',
  '' LIKE '%', NULL LIKE 'a'
-- #####
SELECT 'abc' SIMILAR TO 'abc', 'abc' SIMILAR TO 'a', 'abc' SIMILAR TO '%(b|d)%', 'abd' SIMILAR TO 'a[bc]d',
  'aaa' SIMILAR TO 'a+', 'abc' NOT SIMILAR TO 'a_'
-- #####
SELECT 'foobar' ~ 'o+b', 'FOO' ~ 'foo', 'FOO' ~* 'foo', 'foo' !~* 'F', 'abc' ~ '^[a-c]{3}$'
-- #####
SELECT regexp_replace('aaa', 'a', 'b'), regexp_replace('aaa', 'a', 'b', 'g'),
  regexp_replace('Hello World', '[aeiou]', '*', 'gi'), regexp_replace('abc', '(b)', '[\1]')
-- #####
SELECT regexp_match('foobarbaz', 'b(a)(r)'), regexp_match('abc', 'z'), (regexp_match('key=value', '(\w+)=(\w+)'))[2]
-- #####
SELECT name FROM employees WHERE name ~ '^[A-D]' ORDER BY name
-- #####
SELECT name FROM employees WHERE email ~ '^[a-e]' ORDER BY id
-- #####
SELECT md5(''), md5('The quick brown fox'), length(md5('x'))
-- #####
SELECT upper(NULL), lower(''), length(''), length(NULL::text)
-- #####
SELECT name FROM employees ORDER BY name
-- #####
SELECT name FROM employees ORDER BY lower(name) DESC
-- #####
SELECT string_agg(name, ',' ORDER BY name DESC) FROM employees WHERE dept_id = 1
-- #####
SELECT dept_id, string_agg(DISTINCT name, '/' ORDER BY name) FROM employees GROUP BY dept_id ORDER BY dept_id
-- #####
-- Math
SELECT abs(-3), abs(3.5), abs(-2::smallint), ceil(-4.5), ceiling(4.1), floor(4.9), trunc(12.3456),
  trunc(-12.3456, 1), round(12.3456, -1)
-- #####
SELECT mod(10, 3), mod(-10, 3), mod(10.5, 3), 10 % -3, power(10, -2), power(-2, 3), sqrt(2), sqrt(0.25)
-- #####
SELECT sqrt(-1)
-- #####
SELECT random() >= 0 AND random() < 1
-- #####
SELECT round(avg(salary), 2), round(sum(salary) / count(salary), 3) FROM employees
-- #####
SELECT id, id % 3, id / 3, -id FROM employees ORDER BY id
-- #####
SELECT 2 + 3 * 4 - 6 / 2, (2 + 3) * 4, 2 ^ 3 ^ 2, 2.0 ^ 3
-- #####
SELECT 1::float8 / 3, 10::float4 / 3, 1e-10::float8, 123456789012345.0::float8, 0.1::float4
-- #####
-- Date and time
SELECT date '2024-02-29' + 1, date '2024-02-29' - 1, date '2024-03-31' - date '2024-01-01',
  date '2024-01-31' + interval '1 month'
-- #####
SELECT timestamp '2024-01-31 10:00' + interval '1 month', timestamp '2024-03-10 01:30' + interval '90 minutes',
  timestamp '2024-01-01' - interval '1 day 1 hour'
-- #####
SELECT timestamp '2024-03-01 00:00' - timestamp '2024-02-28 12:00', interval '1 day' * 3, interval '1 hour' / 2,
  interval '2 days' + interval '3 hours', -interval '1 day'
-- #####
SELECT interval '1 year 2 months 3 days 04:05:06', interval '90 minutes', interval '36 hours', interval '0',
  interval '1.5 days'
-- #####
SELECT extract(year FROM date '2024-02-29'), extract(month FROM timestamp '2024-02-29 13:14:15'),
  extract(day FROM date '2024-02-29'), extract(hour FROM timestamp '2024-02-29 13:14:15'),
  extract(dow FROM date '2024-02-29'), extract(doy FROM date '2024-02-29'),
  extract(epoch FROM timestamp '2024-01-01 00:00:00')
-- #####
SELECT date_part('year', date '2024-02-29'), date_part('minute', timestamp '2024-02-29 13:14:15'),
  extract(quarter FROM date '2024-05-01'), extract(week FROM date '2024-01-01'),
  extract(second FROM timestamp '2024-01-01 00:00:01.5')
-- #####
SELECT date_trunc('year', timestamp '2024-05-17 13:14:15'), date_trunc('day', timestamp '2024-05-17 13:14:15'),
  date_trunc('hour', timestamp '2024-05-17 13:14:15'), date_trunc('week', timestamp '2024-05-17 13:14:15'),
  date_trunc('quarter', timestamp '2024-05-17 13:14:15')
-- #####
SELECT date_trunc('month', date '2024-05-17'), date_trunc('day', timestamptz '2024-05-17 13:14:15+00')
-- #####
SELECT age(timestamp '2024-03-01', timestamp '2023-01-15'), age(date '2024-02-29', date '2020-02-29'),
  age(timestamp '2024-01-01 12:00', timestamp '2024-01-01 13:30')
-- #####
SELECT to_char(timestamp '2024-02-29 13:05:09', 'YYYY-MM-DD HH24:MI:SS'),
  to_char(timestamp '2024-02-29 13:05:09', 'DD/MM/YY HH12:MI AM'), to_char(date '2024-02-29', 'Mon DD, YYYY'),
  to_char(date '2024-02-29', 'Day'), to_char(date '2024-02-29', 'FMMonth DDth')
-- #####
SELECT to_char(1234.5, '9999.99'), to_char(42, '00000'), to_char(1234567.891, 'FM9,999,999.00')
-- #####
SELECT make_date(2023, 12, 31), make_date(2000, 1, 1) + 365
-- #####
SELECT make_date(2023, 2, 29)
-- #####
SELECT timestamptz '2024-06-01 12:00:00+00' AT TIME ZONE 'Europe/Paris',
  timestamp '2024-06-01 12:00:00' AT TIME ZONE 'America/New_York', timestamptz '2024-01-01 00:00+00' AT TIME ZONE 'UTC'
-- #####
SELECT now() IS NOT NULL, current_timestamp <= clock_timestamp(), current_date = CAST(now() AS date),
  now() = current_timestamp, now() > timestamptz '2020-01-01'
-- #####
SELECT name, hired, age(date '2025-01-01', hired) FROM employees WHERE hired IS NOT NULL ORDER BY id
-- #####
SELECT name, extract(year FROM hired) AS y FROM employees WHERE hired IS NOT NULL ORDER BY y, name
-- #####
SELECT extract(year FROM hired) AS y, count(*) FROM employees GROUP BY 1 ORDER BY 1 NULLS LAST
-- #####
SELECT title, started + interval '1 week', started::date, started - interval '30 minutes' FROM projects ORDER BY id
-- #####
SELECT title FROM projects WHERE started BETWEEN '2023-01-01' AND '2023-12-31 23:59:59' ORDER BY started
-- #####
SELECT date_trunc('month', started) AS m, sum(hours) FROM projects WHERE started IS NOT NULL GROUP BY 1 ORDER BY 1
-- #####
SELECT name FROM employees WHERE hired > date '2020-01-01' - interval '1 year' ORDER BY hired
-- #####
SELECT '2024-02-29'::date::timestamp, '2024-02-29 23:59:59'::timestamp::date, '2024-02-29 10:00'::timestamp::time,
  timestamp '2024-02-29 10:00' = date '2024-02-29' + time '10:00'
-- #####
SELECT timestamptz '2024-02-29 10:00:00+05', '2024-02-29'::timestamptz, timestamptz '2024-02-29 10:00:00.123456+00'
-- #####
SELECT interval '1 day' = interval '24 hours', interval '1 month' > interval '29 days',
  interval '1 month' = interval '30 days'
-- #####
-- Aggregates
SELECT count(*), count(email), count(DISTINCT salary), sum(DISTINCT salary), avg(DISTINCT salary) FROM employees
-- #####
SELECT count(*), sum(salary), avg(salary), max(name), bool_and(active), string_agg(name, ','), array_agg(id)
  FROM employees WHERE false
-- #####
SELECT dept_id, bool_and(active), bool_or(NOT active), every(active) FROM employees GROUP BY dept_id
  ORDER BY dept_id NULLS LAST
-- #####
SELECT count(*) FILTER (WHERE salary > 5000), sum(salary) FILTER (WHERE active), avg(salary) FILTER (WHERE dept_id = 1),
  count(DISTINCT dept_id) FILTER (WHERE active) FROM employees
-- #####
SELECT dept_id, array_agg(name ORDER BY name DESC), array_agg(DISTINCT active ORDER BY active) FROM employees
  GROUP BY dept_id ORDER BY dept_id NULLS FIRST
-- #####
SELECT array_agg(salary ORDER BY salary NULLS FIRST) FROM employees
-- #####
SELECT string_agg(title, '; ' ORDER BY hours DESC NULLS LAST) FILTER (WHERE hours > 100) FROM projects
-- #####
SELECT dept_id, min(salary), max(salary), sum(salary) FILTER (WHERE salary > 6000) FROM employees GROUP BY dept_id
  HAVING count(*) FILTER (WHERE active) > 0 ORDER BY 1 NULLS FIRST
-- #####
SELECT min(hired), max(hired), min(email), max(active::int), min(started), max(hours) FROM employees, projects
  WHERE employees.id = projects.id
-- #####
SELECT active, count(*), jsonb_agg(id ORDER BY id) FROM employees GROUP BY active ORDER BY active
-- #####
SELECT count(*) AS n, dept_id FROM employees GROUP BY dept_id HAVING sum(salary) > 10000 ORDER BY dept_id
-- #####
SELECT sum(salary) FROM employees HAVING count(*) > 100
-- #####
SELECT d.name, count(DISTINCT p.id), count(DISTINCT e.id) FROM departments d LEFT JOIN employees e ON e.dept_id = d.id
  LEFT JOIN projects p ON p.dept_id = d.id GROUP BY d.id, d.name ORDER BY d.id
-- #####
SELECT dept_id, active, count(*) FROM employees GROUP BY dept_id, active ORDER BY 1 NULLS FIRST, 2
-- #####
SELECT count(*) FROM (SELECT DISTINCT dept_id, active FROM employees) t
-- #####
SELECT avg(x), sum(x), count(x) FROM (VALUES (1), (2), (NULL::int)) v(x)
-- #####
SELECT sum(x), avg(x) FROM (VALUES (0.1::float8), (0.2::float8)) v(x)
-- #####
SELECT upper(name) AS u, count(*) FROM employees GROUP BY upper(name) HAVING count(*) = 1 ORDER BY u LIMIT 3
-- #####
SELECT name, count(*) FROM employees
-- #####
SELECT sum(name) FROM employees
-- #####
SELECT bool_or(salary > 9000), bool_and(salary > 1000) FROM employees
-- #####
-- Window functions
SELECT name, salary, rank() OVER (ORDER BY salary DESC NULLS LAST), dense_rank() OVER (ORDER BY salary DESC NULLS LAST)
  FROM employees ORDER BY 3, name
-- #####
SELECT name, dept_id, row_number() OVER (PARTITION BY dept_id ORDER BY id) FROM employees
  ORDER BY dept_id NULLS FIRST, id
-- #####
SELECT id, lag(id) OVER (ORDER BY id), lead(id) OVER (ORDER BY id), lag(id, 2, 0) OVER (ORDER BY id),
  lead(name, 1, 'none') OVER (ORDER BY id) FROM employees ORDER BY id
-- #####
SELECT name, dept_id, first_value(name) OVER (PARTITION BY dept_id ORDER BY salary DESC NULLS LAST, id) FROM employees
  ORDER BY id
-- #####
SELECT name, dept_id, sum(salary) OVER (PARTITION BY dept_id), count(*) OVER (PARTITION BY dept_id) FROM employees
  ORDER BY id
-- #####
SELECT id, salary, sum(salary) OVER (ORDER BY id) AS running, count(salary) OVER (ORDER BY id) FROM employees ORDER BY id
-- #####
SELECT id, sum(id) OVER (), count(*) OVER (), avg(id) OVER () FROM employees ORDER BY id
-- #####
SELECT name, salary, sum(salary) OVER (ORDER BY salary) FROM employees ORDER BY salary NULLS FIRST, name
-- #####
SELECT dept_id, name, lag(name) OVER (PARTITION BY dept_id ORDER BY hired) FROM employees WHERE dept_id IS NOT NULL
  ORDER BY dept_id, hired NULLS LAST
-- #####
SELECT * FROM (SELECT name, dept_id, row_number() OVER (PARTITION BY dept_id ORDER BY salary DESC NULLS LAST) AS rn
  FROM employees) t WHERE rn = 1 ORDER BY dept_id NULLS FIRST
-- #####
SELECT dept_id, sum(salary), rank() OVER (ORDER BY sum(salary) DESC NULLS LAST) FROM employees GROUP BY dept_id
  ORDER BY 3, 1
-- #####
SELECT id, first_value(id) OVER (ORDER BY id DESC), row_number() OVER (ORDER BY id DESC) FROM projects ORDER BY id
-- #####
SELECT name, salary, round(salary / sum(salary) OVER () * 100, 1) FROM employees WHERE salary IS NOT NULL ORDER BY id
-- #####
SELECT name, rank() OVER (PARTITION BY active ORDER BY name) FROM employees ORDER BY active, 2
-- #####
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM employees ORDER BY id
-- #####
SELECT id, count(*) OVER (PARTITION BY dept_id ORDER BY id) FROM employees ORDER BY id
-- #####
SELECT name, lead(salary) OVER (PARTITION BY dept_id ORDER BY salary, id) - salary FROM employees ORDER BY id
-- #####
-- Joins
SELECT e.name, d.name FROM employees e RIGHT JOIN departments d ON d.id = e.dept_id ORDER BY d.id, e.id
-- #####
SELECT e.name, d.name FROM employees e FULL OUTER JOIN departments d ON d.id = e.dept_id ORDER BY e.id NULLS LAST, d.id
-- #####
SELECT e.name, p.title FROM employees e JOIN projects p ON p.dept_id = e.dept_id AND p.hours > 500 ORDER BY e.id, p.id
-- #####
SELECT e.name, p.title FROM employees e LEFT JOIN projects p ON p.dept_id = e.dept_id WHERE p.id IS NULL ORDER BY e.id
-- #####
SELECT e.name, p.title FROM employees e JOIN projects p ON e.hired < p.started::date AND p.dept_id = 2 ORDER BY e.id
-- #####
SELECT a.name, b.name FROM employees a JOIN employees b ON a.salary = b.salary AND a.id < b.id
-- #####
SELECT count(*) FROM employees, departments, projects
-- #####
SELECT d.name, e.name, p.title FROM departments d JOIN employees e ON e.dept_id = d.id JOIN projects p
  ON p.dept_id = d.id WHERE e.active ORDER BY d.id, e.id, p.id
-- #####
SELECT * FROM departments d LEFT JOIN projects p ON p.dept_id = d.id ORDER BY d.id, p.id
-- #####
SELECT dept_id, name, dname FROM employees JOIN (SELECT id AS dept_id, name AS dname FROM departments) d USING (dept_id)
  ORDER BY id
-- #####
SELECT dept_id, e.name, d.dname FROM employees e FULL JOIN (SELECT id AS dept_id, name AS dname FROM departments) d
  USING (dept_id) ORDER BY dept_id NULLS FIRST, e.name
-- #####
SELECT e.name, x.n FROM employees e CROSS JOIN LATERAL (SELECT count(*) AS n FROM employees m WHERE m.manager_id = e.id) x
  ORDER BY e.id
-- #####
SELECT d.name, top.name FROM departments d LEFT JOIN LATERAL (SELECT name FROM employees e WHERE e.dept_id = d.id
  ORDER BY salary DESC NULLS LAST LIMIT 1) top ON true ORDER BY d.id
-- #####
SELECT d.name, s.n FROM departments d, LATERAL generate_series(1, d.id) AS s(n) WHERE d.id <= 2 ORDER BY d.id, s.n
-- #####
SELECT e.name FROM employees e JOIN departments d ON d.id = e.dept_id AND d.budget IS NULL ORDER BY e.name
-- #####
SELECT e.name FROM employees e WHERE e.dept_id = (SELECT id FROM departments WHERE name = 'Sales') ORDER BY e.id
-- #####
SELECT p.title, d.name FROM projects p RIGHT JOIN departments d ON d.id = p.dept_id WHERE p.id IS NULL
-- #####
SELECT count(*) FROM employees e1 JOIN employees e2 ON e1.dept_id = e2.dept_id
-- #####
SELECT e.name, m.name, mm.name FROM employees e LEFT JOIN employees m ON m.id = e.manager_id
  LEFT JOIN employees mm ON mm.id = m.manager_id ORDER BY e.id
-- #####
SELECT * FROM (VALUES (1), (2)) a(x) FULL JOIN (VALUES (2), (3)) b(y) ON a.x = b.y ORDER BY coalesce(x, y)
-- #####
SELECT * FROM (VALUES (1, 'a'), (NULL, 'n')) a(k, v) JOIN (VALUES (1, 'b'), (NULL, 'm')) b(k, w) ON a.k = b.k
-- #####
SELECT a.x, b.y FROM (VALUES (1), (2), (3)) a(x) JOIN (VALUES (1), (3)) b(y) ON a.x <> b.y ORDER BY 1, 2
-- #####
-- Subqueries
SELECT name FROM employees WHERE dept_id NOT IN (SELECT id FROM departments WHERE budget < 1000000) ORDER BY id
-- #####
SELECT name FROM employees e WHERE NOT EXISTS (SELECT 1 FROM employees s WHERE s.manager_id = e.id) ORDER BY id
-- #####
SELECT name, salary FROM employees e WHERE salary = (SELECT max(salary) FROM employees s WHERE s.dept_id = e.dept_id)
  ORDER BY id
-- #####
SELECT name FROM employees WHERE salary > ALL (SELECT salary FROM employees WHERE dept_id = 2) ORDER BY id
-- #####
SELECT name FROM employees WHERE salary > ANY (SELECT salary FROM employees WHERE dept_id = 2) ORDER BY id
-- #####
SELECT name FROM employees WHERE salary > ALL (SELECT salary FROM employees WHERE dept_id = 3)
-- #####
SELECT name FROM employees WHERE salary < SOME (SELECT salary FROM employees WHERE dept_id = 1) ORDER BY id
-- #####
SELECT (SELECT count(*) FROM employees), (SELECT max(title) FROM projects), (SELECT name FROM departments WHERE id = 99)
-- #####
SELECT (SELECT id FROM employees)
-- #####
SELECT d.name, (SELECT count(*) FROM employees e WHERE e.dept_id = d.id) AS n,
  (SELECT sum(hours) FROM projects p WHERE p.dept_id = d.id) FROM departments d ORDER BY n DESC, d.name
-- #####
SELECT name FROM employees WHERE (dept_id, active) IN (SELECT id, true FROM departments) ORDER BY id
-- #####
SELECT * FROM (SELECT dept_id, avg(salary) AS a FROM employees GROUP BY dept_id) t WHERE a > 5000 ORDER BY dept_id
-- #####
SELECT t.n FROM (SELECT count(*) AS n FROM employees) AS t
-- #####
SELECT name FROM employees WHERE id IN (SELECT manager_id FROM employees) ORDER BY id
-- #####
SELECT name FROM employees WHERE id NOT IN (SELECT manager_id FROM employees)
-- #####
SELECT EXISTS (SELECT 1 FROM employees WHERE salary > 9000), EXISTS (SELECT 1 FROM employees WHERE salary > 99999),
  NOT EXISTS (SELECT * FROM projects WHERE false)
-- #####
SELECT name FROM employees e WHERE EXISTS (SELECT 1 FROM departments d WHERE d.id = e.dept_id
  AND d.budget > (SELECT avg(budget) FROM departments)) ORDER BY id
-- #####
SELECT name, (SELECT string_agg(title, ',' ORDER BY title) FROM projects p WHERE p.dept_id = e.dept_id) FROM employees e
  ORDER BY id
-- #####
SELECT dept_id, count(*) FROM employees GROUP BY dept_id HAVING count(*) > (SELECT count(*) FROM projects) / 3
  ORDER BY dept_id NULLS FIRST
-- #####
SELECT name FROM employees WHERE salary IN (SELECT salary FROM employees GROUP BY salary HAVING count(*) > 1) ORDER BY id
-- #####
SELECT 1 IN (SELECT NULL::int), 1 = ANY (SELECT 1), 2 = ALL (SELECT 2 WHERE false)
-- #####
SELECT x FROM (SELECT id * 2 AS x FROM employees) s WHERE x > (SELECT avg(id) FROM projects) ORDER BY x
-- #####
-- WITH and WITH RECURSIVE
WITH d AS (SELECT id, name FROM departments), e AS (SELECT name, dept_id FROM employees)
SELECT d.name, count(e.name) FROM d LEFT JOIN e ON e.dept_id = d.id GROUP BY d.name ORDER BY 1
-- #####
WITH t(a, b) AS (VALUES (1, 2), (3, 4)) SELECT a + b FROM t ORDER BY 1
-- #####
WITH x AS (SELECT 1 AS n), y AS (SELECT n + 1 AS n FROM x) SELECT * FROM x UNION ALL SELECT * FROM y
-- #####
WITH s AS (SELECT avg(salary) AS a FROM employees) SELECT name FROM employees, s WHERE salary > s.a ORDER BY id
-- #####
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT sum(i), count(*) FROM n
-- #####
WITH RECURSIVE fib(a, b) AS (SELECT 0::bigint, 1::bigint UNION ALL SELECT b, a + b FROM fib WHERE b < 100)
SELECT a FROM fib ORDER BY a
-- #####
WITH RECURSIVE up(id, name, manager_id, path) AS (
    SELECT id, name, manager_id, name::text FROM employees WHERE id = 8
  UNION ALL
    SELECT e.id, e.name, e.manager_id, up.path || ' > ' || e.name FROM employees e JOIN up ON e.id = up.manager_id
) SELECT path FROM up ORDER BY length(path) DESC LIMIT 1
-- #####
WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM t) SELECT n FROM t ORDER BY n
-- #####
WITH RECURSIVE days(d) AS (SELECT date '2024-02-27' UNION ALL SELECT d + 1 FROM days WHERE d < date '2024-03-02')
SELECT d, extract(dow FROM d) FROM days ORDER BY d
-- #####
WITH RECURSIVE sub(id, lvl) AS (
    SELECT id, 1 FROM employees WHERE id = 1
  UNION ALL
    SELECT e.id, s.lvl + 1 FROM employees e JOIN sub s ON e.manager_id = s.id
) SELECT lvl, count(*), string_agg(id::text, ',' ORDER BY id) FROM sub GROUP BY lvl ORDER BY lvl
-- #####
WITH cnt AS (SELECT dept_id, count(*) AS n FROM employees GROUP BY dept_id)
SELECT d.name, coalesce(c.n, 0) FROM departments d LEFT JOIN cnt c ON c.dept_id = d.id ORDER BY d.id
-- #####
WITH a AS (SELECT id FROM employees WHERE active) SELECT count(*) FROM a WHERE id IN (SELECT id FROM a WHERE id > 3)
-- #####
-- UNION, INTERSECT, EXCEPT
SELECT name FROM employees WHERE dept_id = 1 UNION SELECT name FROM employees WHERE salary > 7000 ORDER BY name
-- #####
SELECT dept_id FROM employees UNION SELECT dept_id FROM projects ORDER BY 1 NULLS FIRST
-- #####
SELECT dept_id FROM employees INTERSECT ALL SELECT dept_id FROM projects
-- #####
SELECT dept_id FROM employees EXCEPT ALL SELECT dept_id FROM projects
-- #####
SELECT dept_id FROM projects EXCEPT SELECT dept_id FROM employees
-- #####
(SELECT id FROM employees ORDER BY id DESC LIMIT 2) UNION ALL (SELECT id FROM projects ORDER BY id LIMIT 1)
-- #####
SELECT 1 AS a UNION SELECT 2 UNION SELECT 1 ORDER BY a DESC
-- #####
SELECT 1, 'a' UNION ALL SELECT 2, 'b' EXCEPT SELECT 1, 'a'
-- #####
SELECT 1 UNION SELECT 1.5
-- #####
SELECT 'a' UNION SELECT 'b' ORDER BY 1
-- #####
SELECT 1 UNION SELECT 'x'
-- #####
SELECT id, name FROM departments UNION ALL SELECT id, title FROM projects ORDER BY id, name LIMIT 5
-- #####
SELECT 1 INTERSECT SELECT 1 UNION SELECT 2
-- #####
SELECT 1 UNION SELECT 2, 3
-- #####
-- VALUES
VALUES (1, 2.5), (2, NULL), (3, 4)
-- #####
SELECT v.* FROM (VALUES ('x', true), ('y', false)) v(s, b) WHERE b
-- #####
SELECT column1, column2 FROM (VALUES (1, 'a'), (2, 'b')) v ORDER BY column1 DESC
-- #####
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v ORDER BY 1 DESC
-- #####
VALUES (1, 'a'), (2)
-- #####
SELECT x, count(*) FROM (VALUES ('a'), ('b'), ('a')) t(x) GROUP BY x ORDER BY x
-- #####
-- LIMIT, OFFSET, top-N, DISTINCT, ORDER BY
SELECT id FROM employees ORDER BY id LIMIT 0
-- #####
SELECT id FROM employees ORDER BY id OFFSET 6
-- #####
SELECT id FROM employees ORDER BY id LIMIT ALL OFFSET 7
-- #####
SELECT id FROM employees ORDER BY id OFFSET 2 ROWS FETCH FIRST 2 ROWS ONLY
-- #####
SELECT name, salary FROM employees ORDER BY salary DESC NULLS LAST, name LIMIT 3
-- #####
SELECT name FROM employees ORDER BY salary, id LIMIT 3 OFFSET 1
-- #####
SELECT id FROM employees LIMIT -1
-- #####
SELECT DISTINCT active, dept_id FROM employees ORDER BY active, dept_id NULLS FIRST
-- #####
SELECT DISTINCT ON (active) active, name FROM employees ORDER BY active, name DESC
-- #####
SELECT DISTINCT ON (dept_id, active) dept_id, active, id FROM employees ORDER BY dept_id NULLS LAST, active, id DESC
-- #####
SELECT DISTINCT ON (extract(year FROM started)) title FROM projects WHERE started IS NOT NULL
  ORDER BY extract(year FROM started), hours
-- #####
SELECT DISTINCT lower(substring(name, 1, 1)) AS c FROM employees ORDER BY c
-- #####
SELECT name FROM employees ORDER BY dept_id DESC NULLS FIRST, name DESC
-- #####
SELECT name AS n FROM employees ORDER BY n LIMIT 3
-- #####
SELECT id, name FROM employees ORDER BY 2 DESC LIMIT 2
-- #####
SELECT name FROM employees ORDER BY length(name), name
-- #####
SELECT dept_id FROM employees GROUP BY dept_id ORDER BY count(*) DESC, dept_id NULLS LAST
-- #####
SELECT id FROM employees ORDER BY id DESC LIMIT 3 OFFSET 100
-- #####
-- Arrays
SELECT ARRAY['a', 'b', NULL], ARRAY[1.5, 2], ARRAY[]::int[], '{1,2,3}'::int[], '{"a b",c}'::text[]
-- #####
SELECT (ARRAY[1, 2, 3])[0], (ARRAY[1, 2, 3])[4], (ARRAY[[1, 2], [3, 4]])[2][1], (ARRAY[1, 2, 3, 4])[2:3]
-- #####
SELECT array_length(ARRAY[1, 2], 1), array_length(ARRAY[]::int[], 1), array_length(ARRAY[[1, 2, 3], [4, 5, 6]], 2),
  cardinality(ARRAY[]::text[]), cardinality(ARRAY[1, NULL])
-- #####
SELECT array_to_string(ARRAY[1, 2, 3], ','), array_to_string(ARRAY['a', NULL, 'c'], '-'),
  array_to_string(ARRAY['a', NULL, 'c'], '-', '*')
-- #####
SELECT 2 = ANY (ARRAY[1, 2]), 3 = ANY (ARRAY[1, 2]), 3 = ANY (ARRAY[1, NULL]), 1 <> ALL (ARRAY[2, 3]),
  5 > ALL (ARRAY[1, 2, 3]), 5 > ALL (ARRAY[]::int[]), 1 = ANY ('{}'::int[])
-- #####
SELECT unnest(ARRAY[3, 1, 2])
-- #####
SELECT x FROM unnest(ARRAY['b', 'a', 'c']) AS x ORDER BY x
-- #####
SELECT id, unnest(ARRAY[id, id * 10]) FROM departments
-- #####
SELECT ARRAY[1, 2] || 3, 0 || ARRAY[1, 2], ARRAY[1] || ARRAY[2, 3], ARRAY[1, 2] = ARRAY[1, 2], ARRAY[1, 2] < ARRAY[1, 3]
-- #####
SELECT ARRAY(SELECT id FROM employees WHERE active ORDER BY id DESC)
-- #####
SELECT name FROM employees WHERE dept_id = ANY ('{1,3}') ORDER BY id
-- #####
SELECT name FROM employees WHERE name <> ALL (ARRAY['Ada', 'Eve']) AND active ORDER BY id
-- #####
SELECT dept_id, array_agg(id ORDER BY id), array_length(array_agg(id), 1) FROM employees GROUP BY dept_id
  ORDER BY dept_id NULLS FIRST
-- #####
SELECT (array_agg(name ORDER BY salary DESC NULLS LAST))[1] FROM employees
-- #####
SELECT id, tags, cardinality(tags), tags[1], array_to_string(tags, '|') FROM events ORDER BY id
-- #####
-- jsonb
SELECT '{"a": 1, "b": "x", "c": null, "d": [1, 2, {"e": true}]}'::jsonb
-- #####
SELECT '{"b": 1, "a": 2, "aa": 3}'::jsonb, '[3, 1, 2]'::jsonb, '"s"'::jsonb, '1.50'::jsonb, 'null'::jsonb,
  '{"a": 1, "a": 2}'::jsonb
-- #####
SELECT '{"a": {"b": [10, 20]}}'::jsonb -> 'a' -> 'b' -> 1, '[1, 2, 3]'::jsonb -> 0, '[1, 2, 3]'::jsonb -> -1,
  '{"a": 1}'::jsonb -> 'z', '{"a": "t"}'::jsonb ->> 'a', '[1, "2"]'::jsonb ->> 1
-- #####
SELECT '{"a": {"b": [10, 20]}}'::jsonb #> '{a,b,1}', '{"a": {"b": [10, 20]}}'::jsonb #>> '{a,b}',
  '{"a": 1}'::jsonb #> '{x,y}'
-- #####
SELECT '{"a": 1, "b": 2}'::jsonb @> '{"a": 1}', '{"a": 1}'::jsonb @> '{"a": 2}', '[1, 2, 3]'::jsonb @> '[3, 1]',
  '{"a": {"b": 1, "c": 2}}'::jsonb @> '{"a": {"b": 1}}', '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}'
-- #####
SELECT jsonb_build_object('id', 1, 'name', 'x', 'ok', true, 'n', NULL, 'arr', ARRAY[1, 2]), jsonb_build_object()
-- #####
SELECT to_jsonb(1), to_jsonb('a"b'::text), to_jsonb(ARRAY[1, 2]), to_jsonb(true), to_jsonb(NULL::text), to_jsonb(1.50),
  to_jsonb(date '2024-02-29'), to_jsonb(timestamp '2024-02-29 10:00')
-- #####
SELECT jsonb_agg(name ORDER BY id) FROM employees WHERE dept_id = 1
-- #####
SELECT jsonb_agg(jsonb_build_object('id', id, 'title', title) ORDER BY id) FROM projects WHERE dept_id IS NOT NULL
-- #####
SELECT to_jsonb(d) FROM departments d ORDER BY id
-- #####
SELECT id, payload ->> 'kind' FROM events WHERE payload @> '{"ok": true}' ORDER BY id
-- #####
SELECT id, payload -> 'items' -> 0 ->> 'sku', (payload ->> 'qty')::int * 2, payload #> '{nested,level}' FROM events
  ORDER BY id
-- #####
SELECT payload ->> 'kind' AS k, count(*) FROM events GROUP BY 1 ORDER BY 1 NULLS LAST
-- #####
SELECT '{"a": 1}'::jsonb = '{"a": 1.0}'::jsonb, '[1, 2]'::jsonb = '[2, 1]'::jsonb,
  '{"a":1,"b":2}'::jsonb = '{"b":2,"a":1}'::jsonb
-- #####
SELECT 'not json'::jsonb
-- #####
-- generate_series and set-returning functions
SELECT * FROM generate_series(1, 10, 3)
-- #####
SELECT g FROM generate_series(5, 1, -2) AS g ORDER BY g
-- #####
SELECT count(*) FROM generate_series(1, 0)
-- #####
SELECT * FROM generate_series(timestamp '2024-02-27', timestamp '2024-03-02', interval '1 day')
-- #####
SELECT g FROM generate_series(timestamptz '2024-01-01 00:00+00', timestamptz '2024-01-01 03:00+00', interval '90 minutes') g
  ORDER BY g
-- #####
SELECT sum(g), count(*) FROM generate_series(1, 1000) g
-- #####
SELECT g, e.name FROM generate_series(1, 3) g LEFT JOIN employees e ON e.id = g * 3 ORDER BY g
-- #####
SELECT generate_series(1, 3) AS a, 'x' AS b
-- #####
SELECT g FROM generate_series(1, 100) g WHERE g % 17 = 0 ORDER BY g DESC LIMIT 2
-- #####
SELECT * FROM generate_series(1, 5, 0)
-- #####
-- System functions
SELECT gen_random_uuid() IS NOT NULL, length(gen_random_uuid()::text), gen_random_uuid() <> gen_random_uuid()
-- #####
SELECT version() LIKE 'PostgreSQL %', current_database(), current_schema(), current_user, session_user,
  current_schema
-- #####
SELECT current_setting('DateStyle'), current_setting('search_path'), current_setting('standard_conforming_strings'),
  current_setting('server_version_num')::int >= 150000
-- #####
SELECT set_config('application_name', 'diff', false), current_setting('application_name')
-- #####
SELECT pg_backend_pid() > 0, current_setting('pgserve.missing', true) IS NULL
-- #####
SELECT pg_sleep(0.01)
-- #####
SELECT current_setting('no.such_setting')
-- #####
-- Name resolution and type errors
SELECT * FROM no_such_table
-- #####
SELECT no_such_column FROM employees
-- #####
SELECT id FROM employees e JOIN departments d ON d.id = e.dept_id
-- #####
SELECT no_such_function(1)
-- #####
SELECT 'a' + 1
-- #####
SELECT true + 1
-- #####
SELECT name FROM employees WHERE salary
-- #####
SELECT 1 FROM employees WHERE name = 5
-- #####
SELECT e.nope FROM employees e
-- #####
SELECT d.name FROM employees e
-- #####
-- Casts and values over the tables
SELECT id::text || ':' || name, id::numeric / 3, (id * 1.0)::int, id::float8 / 4 FROM departments ORDER BY id
-- #####
SELECT budget, budget::int, budget::text, budget / 1000, -budget FROM departments ORDER BY id
-- #####
SELECT CAST(salary AS int), CAST(hired AS text), CAST(active AS int), CAST(email AS varchar(5)) FROM employees ORDER BY id
-- #####
SELECT '1 day'::interval + '2024-01-01'::date
-- #####
SELECT timestamp '2024-01-01 10:00' < timestamptz '2024-01-01 10:00+00', date '2024-01-01' = timestamp '2024-01-01 00:00'
-- #####
SELECT 1 = 1.0, 0.1 + 0.2 = 0.3, 0.1::float8 + 0.2::float8 = 0.3::float8
-- #####
SELECT 10000000000, 2147483648, -2147483648, 1e3, 1.0e-3, .5, 5.
-- #####
SELECT 'x' AS "Quoted Name", 1 AS "select", 2 AS lower_case, 3 AS MixedCase
-- #####
SELECT count(*), sum(x) FROM (SELECT 1 AS x) s
-- #####
SELECT 1 + 1, 'a', NULL, (SELECT 1), CASE WHEN true THEN 1 END, coalesce(1), ARRAY[1], 1::text
-- #####
SELECT e.* FROM employees e WHERE id = 3
-- #####
SELECT *, id * 2 FROM departments ORDER BY id
-- #####
SELECT name FROM employees WHERE hired BETWEEN '2019-01-01' AND '2021-12-31' ORDER BY hired
-- #####
SELECT name FROM employees WHERE (salary, id) > (7000, 2) ORDER BY id
-- #####
SELECT title, coalesce(hours, 0) + 1, hours IS NULL FROM projects ORDER BY id
-- #####
SELECT upper(left(name, 1)) || lower(substring(name from 2)) FROM employees ORDER BY id
-- #####
SELECT dept_id, string_agg(name, ', ' ORDER BY salary DESC NULLS LAST, name) FILTER (WHERE active) FROM employees
  GROUP BY dept_id ORDER BY dept_id NULLS LAST
-- #####
SELECT name, CASE WHEN salary >= 7000 THEN 'high' WHEN salary >= 5000 THEN 'mid' ELSE 'low' END AS band FROM employees
  ORDER BY band, name
-- #####
SELECT band, count(*) FROM (SELECT CASE WHEN salary >= 7000 THEN 'high' ELSE 'other' END AS band FROM employees) t
  GROUP BY band ORDER BY band
-- #####
SELECT regexp_replace(email, '@.*$', ''), split_part(email, '@', 2) FROM employees WHERE email IS NOT NULL ORDER BY id
-- #####
-- The events table: timestamptz, interval, text[], jsonb, uuid, bigint, real, varchar
SELECT * FROM events ORDER BY id
-- #####
SELECT kind, count(*), min(at), max(duration), sum(amount), avg(score) FROM events GROUP BY kind ORDER BY kind NULLS LAST
-- #####
SELECT id, at AT TIME ZONE 'Asia/Tokyo', at::date, date_trunc('hour', at), extract(epoch FROM duration) FROM events
  ORDER BY id
-- #####
SELECT id, ref, ref = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' FROM events ORDER BY id
-- #####
SELECT e.id, x.tag FROM events e, unnest(e.tags) AS x(tag) ORDER BY e.id, x.tag
-- #####
SELECT id, amount, amount * 2, amount / 3, score, score * 2 FROM events ORDER BY id
-- #####
SELECT id FROM events WHERE 'urgent' = ANY (tags) ORDER BY id
-- #####
SELECT id, note, length(note), upper(note) FROM events ORDER BY id
-- #####
SELECT count(*) FROM events WHERE at >= timestamptz '2024-03-01 00:00+00' AND at < '2024-04-01'
-- #####
SELECT sum(duration), avg(duration), max(at) - min(at) FROM events
-- #####
SELECT e.name, count(v.id), sum(v.amount) FROM employees e JOIN events v ON v.emp_id = e.id GROUP BY e.name ORDER BY e.name
-- #####
SELECT id, at, at + duration, at - interval '1 day' FROM events WHERE at IS NOT NULL ORDER BY at
-- #####
-- Column type modifiers applied on INSERT (numeric(8,3))
SELECT id, n, n * 2, n::text, label FROM measures ORDER BY id
-- #####
SELECT sum(n), avg(n), max(n) FROM measures
-- #####
-- More comparisons per type: bool, time, uuid, timestamptz, bpchar
SELECT true > false, false >= true, true <> false, false < NULL::boolean
-- #####
SELECT time '10:00' < time '11:00', time '23:00' + interval '2 hours', time '12:00' - time '10:30', time '10:00:00.5'
-- #####
SELECT ref FROM events ORDER BY ref NULLS FIRST
-- #####
SELECT count(*) FROM events WHERE ref > '80000000-0000-0000-0000-000000000000'
-- #####
-- Qualified names
SELECT count(*) FROM public.employees WHERE pg_catalog.upper(name) = 'ADA'
-- #####
SELECT employees.name FROM public.employees ORDER BY employees.id LIMIT 2
-- #####
SELECT * FROM nosuchschema.t
-- #####
-- Integer widths and overflow
SELECT 1::int2 * 2::int2, 10::int2 / 3::int2, 10::int8 % 3, -(5::int2), 3000000000 * 4
-- #####
SELECT 9223372036854775807 + 1
-- #####
SELECT 'b'::text > 'a'::varchar, 'abc'::varchar(5) = 'abc', 'a'::char(3) = 'a  '
-- #####
SELECT timestamptz '2024-01-01 00:00+00' = timestamptz '2024-01-01 01:00+01',
  timestamptz '2024-01-01 00:00+00' < timestamptz '2024-01-01 00:00-01'
-- #####
-- Unknown literals take the other side's type
SELECT name FROM employees WHERE hired IN ('2019-03-01', '2023-09-09') ORDER BY id
-- #####
SELECT name FROM employees WHERE salary = '7200.5' ORDER BY id
-- #####
SELECT name FROM employees WHERE active = 'yes' ORDER BY id
-- #####
SELECT coalesce(NULL, 1, 2.5), coalesce('1', 2), greatest(1, 2.5, '3')
-- #####
SELECT CASE WHEN true THEN 1 ELSE 2.5 END, CASE WHEN false THEN 'a' ELSE NULL END
-- #####
SELECT 1 + 2::numeric(3,1), 1::numeric(3,1) + 1
-- #####
SELECT ARRAY[1, 2.5], ARRAY[1::int2, 2::int8]
-- #####
SELECT 'x' = ANY ('{x,y}'), 1 = ANY ('{1,2}')
-- #####
SELECT avg(salary)::numeric(10,2), sum(salary)::float8 FROM employees
-- #####
SELECT greatest(hired, '2020-01-01') FROM employees ORDER BY id
-- #####
-- More date/time
SELECT extract(epoch FROM interval '1 day 2 hours'), extract(hour FROM interval '26 hours'),
  date_part('day', interval '40 days')
-- #####
SELECT date_trunc('minute', timestamptz '2024-05-17 13:14:15+02')
-- #####
SELECT now() - interval '1 hour' < now(), current_date - 1 < current_date, current_timestamp::date = current_date
-- #####
SELECT to_char(timestamptz '2024-02-29 13:05:09+00', 'YYYY-MM-DD"T"HH24:MI:SSOF'),
  to_char(interval '1 day 02:03:04', 'HH24:MI:SS')
-- #####
SELECT age(timestamp '2024-01-01') IS NOT NULL
-- #####
-- More aggregates and windows over the events table
SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FILTER (WHERE amount > 0), count(DISTINCT kind),
  array_agg(DISTINCT emp_id ORDER BY emp_id) FROM events
-- #####
SELECT emp_id, bool_or('urgent' = ANY (tags)), count(*) FILTER (WHERE at < '2024-03-10') FROM events GROUP BY emp_id
  ORDER BY emp_id NULLS LAST
-- #####
SELECT kind, sum(amount) OVER (PARTITION BY kind ORDER BY id), lag(kind, 1, '-') OVER (ORDER BY id) FROM events
  ORDER BY id
-- #####
-- More subqueries and joins
SELECT name, dept_id FROM employees e WHERE salary > (SELECT avg(salary) FROM employees WHERE dept_id = e.dept_id)
  ORDER BY id
-- #####
SELECT d.name FROM departments d WHERE d.id = ANY (SELECT dept_id FROM employees WHERE salary > 7000) ORDER BY d.id
-- #####
SELECT d.name, e.cnt FROM departments d JOIN LATERAL (SELECT count(*) AS cnt FROM employees x WHERE x.dept_id = d.id) e
  ON e.cnt > 1 ORDER BY 1
-- #####
WITH RECURSIVE g(n, s) AS (SELECT 1, ARRAY[1] UNION ALL SELECT n + 1, s || (n + 1) FROM g WHERE n < 4)
SELECT n, s FROM g ORDER BY n
-- #####
SELECT * FROM employees e FULL JOIN projects p ON p.dept_id = e.dept_id AND p.hours > 1000 ORDER BY e.id NULLS LAST, p.id
-- #####
SELECT x, y FROM (VALUES (1), (2)) a(x) CROSS JOIN (VALUES ('a'), ('b')) b(y) ORDER BY x, y
-- #####
-- More pattern matching and strings
SELECT count(*) FROM employees WHERE email SIMILAR TO '%@example.(com|org)'
-- #####
SELECT regexp_replace(name, '^(.)(.*)$', '\2\1') FROM employees ORDER BY id
-- #####
SELECT name ~~ 'A%', name !~~ 'A%', name ~~* 'a%' FROM employees ORDER BY id
-- #####
SELECT 'Ab' ILIKE 'aB', 'É' ILIKE 'é', upper('é'), lower('É')
-- #####
SELECT jsonb_build_object('a', jsonb_build_object('b', ARRAY['x'])) -> 'a' -> 'b' ->> 0
-- #####
SELECT to_jsonb(e.name), to_jsonb(e.salary), to_jsonb(e.hired) FROM employees e ORDER BY id
-- #####
SELECT id FROM events WHERE payload -> 'items' @> '[{"sku": "C3"}]'
-- #####
SELECT generate_series(date '2024-02-27', date '2024-03-01', interval '1 day')::date
-- #####
SELECT g, g * interval '1 hour' FROM generate_series(0, 2) g ORDER BY g
-- #####
SELECT unnest(ARRAY[1, 2]) AS a, unnest(ARRAY['x', 'y', 'z']) AS b
-- #####
SELECT cardinality(ARRAY[[1, 2], [3, 4], [5, 6]]), array_length(ARRAY[[1, 2], [3, 4], [5, 6]], 1), (ARRAY['a', 'b'])[1:1]
-- #####
SELECT array_to_string(array_agg(name ORDER BY name), ', ') FROM employees WHERE active
-- #####
SELECT md5(string_agg(name, '' ORDER BY id)) FROM employees
-- #####
SELECT quote_literal(NULL), quote_ident(''), quote_literal(date '2024-01-01'), format('%s', ARRAY[1, 2])
-- #####
SELECT left(name, 2), right(email, 11), lpad(id::text, 4, '0'), rpad(name, 6, '*') FROM employees ORDER BY id
-- #####
SELECT position('é' in 'Chloé'), length('Chloé'), upper('chloé'), substring('Chloé' from 5 for 1)
-- #####
SELECT trim(name), ltrim(email, 'a'), rtrim(email, 'mo.c') FROM employees ORDER BY id
-- #####
SELECT concat_ws('|', id, name, salary, hired, active) FROM employees ORDER BY id
-- #####
-- More math and float output
SELECT mod(id, 3), power(id, 2), sqrt(id::float8)::numeric(10,4), abs(id - 5), round(id / 3.0, 2) FROM employees
  ORDER BY id
-- #####
SELECT round(1234.5678, 2), round(1234.5678), round(-0.5), trunc(1234.5678, -2), ceil(1234.0001), floor(-0.0001)
-- #####
SELECT 1e308::float8 * 10
-- #####
SELECT 'Infinity'::float8 > 1e308, 'NaN'::float8 = 'NaN'::float8, 'NaN'::numeric > 1
-- #####
SELECT -0.0::float8, 0.0::float8 = -0.0::float8, 1.0e-5::float8, 123456789.123::float8, 1.5e300::float8 * 1e-300
-- #####
SELECT 4.0::float4 / 3::float4, 16777217::float4, 0.1::float4 + 0.2::float4
-- #####
SELECT 2 ^ 0.5, 10 ^ -1, 0 ^ 0
-- #####
-- More joins, windows, DISTINCT ON, set operations
SELECT count(*) FROM employees e JOIN departments d ON e.dept_id = d.id AND e.salary > d.budget / 200
-- #####
SELECT e.name FROM employees e WHERE e.manager_id IN (SELECT id FROM employees WHERE manager_id IS NULL) ORDER BY 1
-- #####
SELECT e.id, m.id FROM employees e LEFT JOIN employees m ON m.id = e.manager_id AND m.active WHERE e.id > 4 ORDER BY 1
-- #####
SELECT title, rank() OVER (ORDER BY hours DESC NULLS LAST), dense_rank() OVER (ORDER BY dept_id NULLS LAST) FROM projects
  ORDER BY title
-- #####
SELECT dept_id, name, salary, lead(name, 2) OVER (ORDER BY id), first_value(salary) OVER (PARTITION BY active ORDER BY id)
  FROM employees ORDER BY id
-- #####
SELECT count(*) OVER (), count(manager_id) OVER (PARTITION BY active) FROM employees ORDER BY id
-- #####
SELECT id, row_number() OVER (ORDER BY id) FROM employees ORDER BY id DESC LIMIT 3
-- #####
SELECT DISTINCT ON (e.dept_id) e.dept_id, e.name, p.title FROM employees e LEFT JOIN projects p ON p.dept_id = e.dept_id
  ORDER BY e.dept_id, e.id, p.id
-- #####
SELECT * FROM employees ORDER BY id LIMIT 2 OFFSET 1
-- #####
SELECT name FROM employees ORDER BY manager_id NULLS FIRST, name LIMIT 4
-- #####
SELECT (SELECT max(id) FROM employees) - (SELECT min(id) FROM employees)
-- #####
WITH t AS (SELECT id, salary FROM employees) SELECT a.id, b.id FROM t a JOIN t b ON a.salary = b.salary AND a.id < b.id
-- #####
WITH RECURSIVE r(i) AS (VALUES (1) UNION ALL SELECT i * 2 FROM r WHERE i < 100) SELECT array_agg(i ORDER BY i) FROM r
-- #####
SELECT 1 EXCEPT SELECT 2 INTERSECT SELECT 1
-- #####
SELECT name FROM employees WHERE dept_id = 1 EXCEPT SELECT name FROM employees WHERE salary < 8000
-- #####
SELECT * FROM (SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'y') t WHERE a > 1
-- #####
VALUES (1, 'a') UNION ALL VALUES (2, 'b') ORDER BY 1 DESC
-- #####
SELECT CASE WHEN salary > 7000 THEN 'hi' END AS c, count(*) FROM employees GROUP BY 1 ORDER BY 1 NULLS FIRST
-- #####
SELECT active, array_agg(name ORDER BY name) FILTER (WHERE dept_id IS NOT NULL) FROM employees GROUP BY active
  ORDER BY active
-- #####
SELECT sum(amount) FILTER (WHERE kind = 'deploy'), avg(score) FILTER (WHERE score < 100),
  max(at) FILTER (WHERE kind = 'login') FROM events
-- #####
SELECT ROW(1, 'abc'), (1, 'a b', NULL, '', 'x"y', 'a\b', '(', 'c,d', 1.5, true, ARRAY[1, 2]), ROW(1, ROW(2, 'z'))
-- #####
SELECT (ROW(1, 2)).f2, (ROW(1, 'x')).f1 + 1
-- #####
SELECT (ROW(1, 2)).x
-- #####
SELECT (1).x
-- #####
SELECT d FROM departments d ORDER BY d.id
-- #####
SELECT d::text, (d).name, (d).* FROM departments d ORDER BY 1
-- #####
SELECT (d).nope FROM departments d
-- #####
SELECT d IS NULL, d IS NOT NULL, ROW(d.budget) IS NULL, ROW(NULL, NULL) IS NULL, ROW(1, NULL) IS NOT NULL
  FROM departments d ORDER BY d.id
-- #####
SELECT (1, 2) = (1, 2), (1, 2) < (1, 3), (1, NULL) = (1, 2), (1, 2) IN ((1, 2), (3, 4)), (1, 2) NOT IN ((1, 3)),
  ROW(1, 'a') = ROW(1, 'a'), (2, 1) > (1, 5)
-- #####
SELECT count(*) FROM departments d WHERE d = d
-- #####
SELECT e.name FROM employees e WHERE (e.dept_id, e.active) IN ((1, true), (2, false)) ORDER BY e.name
-- #####
SELECT information_schema._pg_expandarray(ARRAY['a', 'b', NULL])
-- #####
SELECT (information_schema._pg_expandarray(ARRAY[10, 20])).x, (information_schema._pg_expandarray(ARRAY[10, 20])).n
-- #####
SELECT * FROM information_schema._pg_expandarray(ARRAY['a', 'b']) ORDER BY n DESC
-- #####
SELECT (information_schema._pg_expandarray(ARRAY['a', 'b'])).*
-- #####
SELECT (information_schema._pg_expandarray(ARRAY['a', 'b'])).y
-- #####
SELECT _pg_expandarray(ARRAY[1])
-- #####
SELECT r.k, (r.keys).x, (r.keys).n FROM (SELECT 'k' AS k, information_schema._pg_expandarray(ARRAY[5, 6]) AS keys) r
  WHERE (r.keys).x = 6
-- #####
SELECT x, n FROM information_schema._pg_expandarray('{}'::int[])
-- #####
SELECT ROW()
-- #####
SELECT ROW(1, 2)::text, ROW('a', NULL)::text || '!'
-- #####
SELECT i.indkey, i.indkey[0], i.indkey[1], array_position(i.indkey, 1::int2), i.indkey::int2[],
  i.indoption, i.indcollation FROM pg_index i WHERE indexrelid = 'departments_pkey'::regclass
-- #####
SELECT unnest(indkey), generate_subscripts(indkey, 1), array_lower(indkey, 1), array_upper(indkey, 1),
  array_length(indkey, 1), cardinality(indkey) FROM pg_index WHERE indexrelid = 'departments_pkey'::regclass
-- #####
SELECT a.attname, i.indkey[0] = a.attnum FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
  AND a.attnum = ANY (i.indkey) WHERE i.indrelid = 'departments'::regclass
-- #####
SELECT to_jsonb(ROW(1, 'a', NULL)), to_jsonb(information_schema._pg_expandarray(ARRAY[7]))
-- #####
SELECT d::text FROM departments d ORDER BY d DESC
-- #####
SELECT ROW(dept_id, active)::text, count(*) FROM employees GROUP BY ROW(dept_id, active) ORDER BY 1
-- #####
SELECT DISTINCT ROW(e.active) IS NULL, (ROW(e.active, e.dept_id)).f1 FROM employees e ORDER BY 2
-- #####
SELECT d = (1, 2) FROM departments d
-- #####
SELECT r = r2 FROM (SELECT ROW(1, 'a') r, ROW(1, 2) r2) s
-- #####
SELECT r = r2, r < r2, r IS DISTINCT FROM r2 FROM (SELECT ROW(1, NULL::int) r, ROW(1, NULL::int) r2) s
-- #####
SELECT count(*) FROM departments d WHERE d = (SELECT x FROM departments x WHERE x.id = 2)
-- #####
SELECT indkey::varchar, indoption::text, indkey::int4[] FROM pg_index WHERE indexrelid = 'departments_pkey'::regclass
-- #####
SELECT k.i, k.attnum FROM pg_index ix, unnest(ix.indkey) WITH ORDINALITY AS k(attnum, i)
  WHERE ix.indexrelid = 'departments_pkey'::regclass
-- #####
SELECT s.i, ix.indkey[s.i] FROM pg_index ix, generate_subscripts(ix.indkey, 1) AS s(i)
  WHERE ix.indexrelid = 'departments_pkey'::regclass
