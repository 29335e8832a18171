-- The enum part of the catalog differential test (EnumCatalogGoldenTest): built in PostgreSQL 15 by
-- src/test/scripts/catalog-enum-goldens.sh and in memdb by the test.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
CREATE TYPE "Weird Name" AS ENUM ('a b', 'it''s');
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'done');
CREATE TABLE person (
    id int PRIMARY KEY,
    name text,
    current_mood mood NOT NULL DEFAULT 'ok',
    moods mood[],
    status app.status,
    odd "Weird Name"
);
