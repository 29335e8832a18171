-- The fixed data set of the differential tests: run on PostgreSQL 15 (golden files) and on memdb.
-- An enum type, created first so that its OIDs (16384 for its array type, 16385 for itself) are PostgreSQL's too.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
CREATE TABLE departments (id int PRIMARY KEY, name text NOT NULL, budget numeric(12,2));
CREATE TABLE employees (
    id int PRIMARY KEY,
    name text NOT NULL,
    dept_id int,
    salary numeric(10,2),
    hired date,
    active boolean NOT NULL DEFAULT true,
    manager_id int,
    email varchar(100)
);
CREATE TABLE projects (id int PRIMARY KEY, dept_id int, title text, started timestamp, hours double precision);
INSERT INTO departments VALUES (1, 'Engineering', 1500000.00), (2, 'Sales', 800000.50), (3, 'Support', NULL),
    (4, 'Research', 250000.00);
INSERT INTO employees VALUES
    (1, 'Ada', 1, 9500.00, '2019-03-01', true, NULL, 'ada@example.com'),
    (2, 'Brian', 1, 7200.50, '2020-07-15', true, 1, 'brian@example.com'),
    (3, 'Chloé', 2, 6100.00, '2018-11-30', true, 1, NULL),
    (4, 'Dmitri', 2, 5800.75, '2021-01-04', false, 3, 'dmitri@example.com'),
    (5, 'Eve', NULL, 4300.00, '2022-06-20', true, NULL, 'eve@example.com'),
    (6, 'Farah', 3, NULL, '2017-02-28', true, 1, 'farah@example.com'),
    (7, 'Gus', 1, 7200.50, '2023-09-09', true, 2, 'gus@example.com'),
    (8, 'hana', 3, 3900.00, NULL, false, 6, 'hana@example.com');
INSERT INTO projects VALUES
    (1, 1, 'Compiler', '2023-01-01 09:00:00', 1200.5),
    (2, 1, 'Database', '2023-06-15 14:30:00', 860.25),
    (3, 2, 'CRM rollout', '2022-11-01 08:00:00', 300),
    (4, NULL, 'Orphan', NULL, NULL),
    (5, 4, 'Quantum', '2024-02-29 23:59:59', 42.0);
CREATE TABLE events (
    id int PRIMARY KEY,
    emp_id int,
    kind text,
    at timestamptz,
    duration interval,
    tags text[],
    payload jsonb,
    ref uuid,
    amount bigint,
    score real,
    note varchar(20)
);
INSERT INTO events VALUES
    (1, 1, 'login', '2024-03-01 08:00:00+00', '00:05:00', '{web,urgent}',
     '{"kind": "login", "ok": true, "qty": 1, "items": [{"sku": "A1"}]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
     9000000000, 1.5, 'first'),
    (2, 2, 'deploy', '2024-03-01 12:30:00+02', '01:30:00', '{ci}',
     '{"kind": "deploy", "ok": false, "qty": 3, "items": [{"sku": "B2"}, {"sku": "C3"}]}',
     '00000000-0000-0000-0000-000000000002', -5, 0.25, 'second'),
    (3, 1, 'login', '2024-03-15 23:59:59.5+00', '2 days 03:00:00', '{}',
     '{"kind": "login", "ok": true, "qty": 2, "items": []}', NULL, 0, NULL, NULL),
    (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (5, 7, 'alert', '2024-04-01 00:00:00+00', '-00:10:00', '{urgent,"with space",NULL}',
     '{"kind": "alert", "nested": {"level": 3}}', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 1, 3.25, 'fünf'),
    (6, 3, 'deploy', '2024-02-29 06:00:00-05', '1 mon', '{ci,web}', '[1, 2, 3]',
     '12345678-1234-5678-1234-567812345678', 42, 1e10, '');
-- A column's type modifier applies to what is stored: numeric(8,3) rounds to three decimals and shows them.
CREATE TABLE measures (id int PRIMARY KEY, n numeric(8,3), label varchar(8));
INSERT INTO measures VALUES (1, 1.5, 'a'), (2, 2, 'bb'), (3, 3.14159, NULL), (4, -0.0005, 'ddd'), (5, NULL, '');
-- Enum columns: sorted by the type's sort order, not by label.
CREATE TABLE moods (id int PRIMARY KEY, m mood, ms mood[], note text);
INSERT INTO moods VALUES (1, 'happy', '{sad,happy}', 'a'), (2, 'sad', '{}', 'b'), (3, NULL, NULL, 'c'),
    (4, 'meh', '{meh,NULL,ecstatic}', 'd'), (5, 'ecstatic', '{ok}', 'e'), (6, 'ok', NULL, 'f');
