// postgres.js reads pg_type when it connects (fetch_types) to learn the array types; then int4[] values come back
// as JS arrays. Usage: node catalog-postgresjs.mjs PORT. Prints one JSON line per query.
import postgres from '../../../../server-core/src/test/node/node_modules/postgres/src/index.js';

const sql = postgres({ host: '127.0.0.1', port: Number(process.argv[2]), username: 'postgres', database: 'postgres',
  max: 1, connect_timeout: 5 });
try {
  console.log(JSON.stringify(await sql`select name from author where id = ${1}`));
  console.log(JSON.stringify(await sql`select ${[1, 2, 3]}::int4[] as a, ${['x', 'y']}::text[] as b`));
} catch (e) {
  console.log('ERROR ' + e.message);
} finally {
  await sql.end();
}
