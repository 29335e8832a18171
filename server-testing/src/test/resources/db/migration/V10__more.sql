/* V10 must run after V2 (versions compare as numbers) */
INSERT INTO customers (id, name) VALUES (3, 'Barbara');
