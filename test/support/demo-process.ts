// The reference backend as its own process, for tests that kill it: started on the data directory
// and database the environment names, it prints its URL on one line once it listens.
import { startDemo } from '../../demo/server.js';

const demo = await startDemo({
  port: 0,
  env: process.env,
  dataDirectory: process.env.KYC_DEMO_DATA!,
});
console.log(`listening ${demo.url}`);
process.on('SIGTERM', () => void demo.close().then(() => process.exit(0)));
