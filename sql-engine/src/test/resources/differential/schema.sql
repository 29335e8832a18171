-- The fixed data set of the differential tests: run on PostgreSQL 15 (golden files) and on memdb.
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
