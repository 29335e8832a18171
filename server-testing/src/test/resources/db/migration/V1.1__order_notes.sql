CREATE TABLE order_notes (order_id bigint PRIMARY KEY, note text);
