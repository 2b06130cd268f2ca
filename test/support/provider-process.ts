// A backend process running the emulated provider, for the tests that need more than one process or
// a process to kill: `node --import tsx test/support/provider-process.ts`, configured by the
// environment (see provider-child.ts), printing `READY <url>` once it serves.
import { openDatabase } from '../../src/server/db/open-database.js';
import { createS3Client } from '../../demo/storage/s3-client.js';
import { startProvider } from './provider-harness.js';

interface ChildStorage {
  endpoint: string;
  region: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

const location = process.env.PROVIDER_DATABASE!;
const storage = JSON.parse(process.env.PROVIDER_STORAGE!) as ChildStorage;
const database = await openDatabase(location.startsWith('postgres') ? { url: location, file: '' } : { file: location });
const s3 = createS3Client({ endpoint: storage.endpoint, region: storage.region, credentials: storage.credentials, embedded: true });
const webhookUrl = process.env.PROVIDER_WEBHOOK_URL;
const provider = await startProvider(
  database,
  { s3, bucket: storage.bucket },
  {
    webhooks: {
      secret: process.env.PROVIDER_WEBHOOK_SECRET ?? 'unused',
      ...(webhookUrl ? { url: webhookUrl } : {}),
      pollMs: Number(process.env.PROVIDER_POLL_MS ?? 1000),
      backoff: { initialMs: 100, maxMs: 1000 },
    },
  },
);
process.stdout.write(`READY ${provider.url}\n`);

process.once('SIGTERM', () => {
  provider
    .close()
    .then(() => database.close())
    .then(() => process.exit(0), () => process.exit(1));
});
