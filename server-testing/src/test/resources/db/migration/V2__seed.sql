INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO orders (id, customer_id, total, status) VALUES
    (100, 1, 25.50, 'open'),
    (101, 2, 10.00, 'shipped');
INSERT INTO order_notes VALUES (101, 'gift');
