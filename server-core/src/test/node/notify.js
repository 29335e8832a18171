// LISTEN/NOTIFY through node-postgres's 'notification' event against pgserve.
// Run by NotificationsTest: node notify.js PORT. Exits 0 when the listener gets the notification.
const { Client } = require('pg');

async function main() {
  const port = Number(process.argv[2]);
  const config = { host: '127.0.0.1', port, user: 'u', database: 'postgres', ssl: false };
  const listener = new Client(config);
  const notifier = new Client(config);
  await listener.connect();
  await notifier.connect();
  const received = new Promise((resolve, reject) => {
    listener.on('notification', (msg) => resolve(msg));
    setTimeout(() => reject(new Error('no notification within 10 s')), 10000);
  });
  await listener.query('LISTEN jobs');
  await notifier.query("NOTIFY jobs, 'job 9'");
  const msg = await received;
  console.log(`node-postgres: ${msg.channel} ${msg.payload}`);
  await listener.end();
  await notifier.end();
  return msg.channel === 'jobs' && msg.payload === 'job 9' ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
