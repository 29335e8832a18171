-- Orders and their customers (a Flyway-style migration, run as plain SQL by PgTestServer.seed)
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    total numeric(10, 2) NOT NULL,
    status text NOT NULL
);
