// CRUD, parameters of several types, a rolled-back transaction and errors with their SQLSTATE, through node-postgres
// (pg) against memdb. Run by MemDbClientsTest: node memdb_crud.js PORT, with NODE_PATH pointing at the node_modules
// that server-core/src/test/node's `npm ci` installs. Exits 0 when every check passes, else prints each failure.
const assert = require('assert');
const { Client } = require('pg');

const failures = [];
function check(what, got, want) {
  try {
    assert.deepStrictEqual(got, want);
  } catch (e) {
    failures.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

async function expectError(client, sql, params, state) {
  try {
    await client.query(sql, params);
    failures.push(`${sql} did not fail`);
  } catch (e) {
    check(`SQLSTATE of ${sql}`, e.code, state);
  }
}

async function main() {
  const port = Number(process.argv[2]);
  const client = new Client({ host: '127.0.0.1', port, user: 'app', database: 'postgres', ssl: false });
  await client.connect();
  await client.query('CREATE TABLE items_node (id serial PRIMARY KEY, name text NOT NULL UNIQUE, price numeric(10,2), '
    + 'qty int, big bigint, ratio double precision, seen timestamptz, ok boolean, ref uuid, tags text[])');

  // Create: parameters of several types, RETURNING the generated id.
  const seen = new Date('2024-02-29T12:30:15.123Z');
  const inserted = await client.query('INSERT INTO items_node (name, price, qty, big, ratio, seen, ok, ref, tags) '
    + 'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id',
    ["héllo 'quoted'", '19.99', 3, '9000000000', 0.25, seen, true, '12345678-1234-5678-1234-567812345678', ['a', 'b c']]);
  check('insert rowCount', inserted.rowCount, 1);
  const first = inserted.rows[0].id;
  const second = (await client.query('INSERT INTO items_node (name, qty) VALUES ($1, $2) RETURNING id',
    ['second', null])).rows[0].id;
  check('generated ids increase', second > first, true);

  // Read.
  const row = (await client.query('SELECT name, price, qty, big, ratio, seen, ok, ref, tags FROM items_node WHERE id = $1',
    [first])).rows[0];
  check('row', row, { name: "héllo 'quoted'", price: '19.99', qty: 3, big: '9000000000', ratio: 0.25, seen, ok: true,
    ref: '12345678-1234-5678-1234-567812345678', tags: ['a', 'b c'] });
  check('row with NULLs', (await client.query('SELECT name, qty FROM items_node WHERE id = $1', [second])).rows,
    [{ name: 'second', qty: null }]);
  check('filtered count', (await client.query(
    'SELECT count(*) AS n FROM items_node WHERE name LIKE $1 AND seen < $2 AND ok = $3', ['h%', new Date(), true])).rows,
    [{ n: '1' }]);

  // Update and delete report their row counts.
  check('update rowCount', (await client.query('UPDATE items_node SET qty = qty + $1, price = price * $2 WHERE id = $3',
    [2, 2, first])).rowCount, 1);
  check('updated', (await client.query('SELECT qty, price FROM items_node WHERE id = $1', [first])).rows,
    [{ qty: 5, price: '39.98' }]);
  check('delete rowCount', (await client.query('DELETE FROM items_node WHERE id = $1', [second])).rowCount, 1);

  // A transaction that rolls back leaves nothing behind.
  await client.query('BEGIN');
  await client.query('INSERT INTO items_node (name) VALUES ($1)', ['temporary']);
  await client.query('UPDATE items_node SET qty = 0');
  check('inside the transaction', (await client.query('SELECT count(*)::int AS n FROM items_node')).rows, [{ n: 2 }]);
  await client.query('ROLLBACK');
  check('after rollback', (await client.query('SELECT count(*)::int AS n, sum(qty)::int AS q FROM items_node')).rows,
    [{ n: 1, q: 5 }]);

  // Errors carry PostgreSQL's SQLSTATE; inside a transaction, the transaction is aborted until rolled back.
  await expectError(client, 'INSERT INTO items_node (name) VALUES ($1)', ["héllo 'quoted'"], '23505');
  await expectError(client, 'INSERT INTO items_node (name) VALUES ($1)', [null], '23502');
  await expectError(client, 'SELECT * FROM no_such_table WHERE id = $1', [1], '42P01');
  await expectError(client, 'SELECT 1 / $1::int FROM items_node', [0], '22012');
  await client.query('BEGIN');
  await expectError(client, 'INSERT INTO items_node (name) VALUES ($1)', ["héllo 'quoted'"], '23505');
  await expectError(client, 'SELECT 1', [], '25P02');
  await client.query('ROLLBACK');
  check('rows after the errors', (await client.query('SELECT name FROM items_node')).rows, [{ name: "héllo 'quoted'" }]);
  await client.end();

  failures.forEach((f) => console.log(`node-postgres: ${f}`));
  console.log(`node-postgres: ${failures.length === 0 ? 'ok' : `${failures.length} failed`}`);
  return failures.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
