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
