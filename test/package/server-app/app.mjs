// A host's first use of `kyc-upload/server`, run from a fresh Node app that installed the packed
// package (test/package/server-package.test.ts): the embedded database, the host's store, a
// webhook signed and verified as Treezor does it, the receiver served by node:http through the
// adapter and called with a real fetch, a token from a stand-in token endpoint, forms and links
// signed by the AWS SDK peers. It asserts nothing itself: it prints what it saw, as JSON, and
// the test compares.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import {
  createTreezorTokenProvider,
  createTreezorWebhookReceiver,
  openDatabase,
  openHostStore,
  phpJsonEncode,
  presignDocumentDownload,
  presignDocumentForm,
  signTreezorPayload,
  toNodeHandler,
  verifyTreezorWebhook,
} from 'kyc-upload/server';

const SECRET = 'webhook-secret';
const file = join(process.cwd(), '.data', 'kyc.sqlite');
const saw = {};

// The embedded database: no URL, so SQLite through the better-sqlite3 peer.
let database = await openDatabase({ file });
saw.dialect = database.dialect;
let store = await openHostStore(database);
const documentId = randomUUID();
await store.addDocument({ documentId, userId: '1370854', documentType: 9, contentType: 'image/png', createdAt: Date.now(), formExpiresAt: Date.now() });

// Signed over PHP's json_encode of the payload: "\/" for "/", "\u00e9" for "é".
const payload = { documents: [{ documentId: '383597', userId: '1370854', userFirstname: 'Hélène', userLastname: 'Ødegaard/Œ', name: documentId }] };
saw.encoded = phpJsonEncode(payload);
const expectedEncoding =
  '{"documents":[{"documentId":"383597","userId":"1370854","userFirstname":"H\\u00e9l\\u00e8ne","userLastname":"\\u00d8degaard\\/\\u0152","name":"' + documentId + '"}]}';
saw.encodedAsPhp = saw.encoded === expectedEncoding;
saw.signatureIsHmacOfPhpJson = signTreezorPayload(payload, SECRET) === createHmac('sha256', SECRET).update(expectedEncoding).digest('base64');

const webhook = (event, objectPayload, options = {}) => ({
  webhook: event,
  webhook_id: randomUUID(),
  object: event.split('.')[0],
  object_id: '1',
  object_payload: objectPayload,
  object_payload_signature: signTreezorPayload(objectPayload, options.secret ?? SECRET),
  webhook_created_at: Date.now(),
});
const created = webhook('document.create', payload);
saw.verified = verifyTreezorWebhook(JSON.parse(JSON.stringify(created)), SECRET).ok;
const tampered = { ...created, object_payload: { documents: [{ ...payload.documents[0], userFirstname: 'Helene' }] } };
saw.tampered = verifyTreezorWebhook(tampered, SECRET);

// The receiver (Request → Response) in node:http, and the token endpoint it stands next to.
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = 'http://127.0.0.1:' + server.address().port;
const receive = toNodeHandler(createTreezorWebhookReceiver({ store, secret: SECRET }), origin);
let tokenRequests = 0;
server.on('request', (req, res) => {
  if (req.url !== '/oauth/token') return void receive(req, res);
  tokenRequests += 1;
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 'token-' + tokenRequests }));
});

const post = async (body) => {
  const response = await fetch(origin + '/webhooks/treezor', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
};
saw.first = await post(created);
saw.again = await post(created);
saw.badSignature = (await post(webhook('document.create', payload, { secret: 'not-the-secret' }))).status;
saw.get = (await fetch(origin + '/webhooks/treezor')).status;
const kyc = { userId: 1370854, kycStatus: 'VALIDATED', codeStatus: '110006', kycReviewComment: 'Bienvenue Hélène' };
saw.kycResult = (await post(webhook('kycreview.result', kyc))).status;

const tokens = createTreezorTokenProvider({ baseUrl: origin, clientId: 1234, clientSecret: 'client-secret' });
saw.tokens = await Promise.all([tokens.accessToken(), tokens.accessToken(), tokens.accessToken()]);
saw.tokenRequests = tokenRequests;
await new Promise((resolve) => server.close(resolve));
await database.close();

// Reopened, as after a restart: the webhook's effects were committed to the file.
database = await openDatabase({ file });
store = await openHostStore(database);
saw.providerDocumentId = (await store.document(documentId))?.providerDocumentId;
saw.kyc = await store.applicantKyc('1370854');
saw.received = (await store.receivedWebhooks()).map((w) => w.webhook).sort();
await database.close();

// The AWS SDK peers: a form and a download link signed locally (no request is made).
const s3 = new S3Client({ region: 'eu-west-3', endpoint: 'http://127.0.0.1:9', forcePathStyle: true, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
const form = await presignDocumentForm(s3, { bucket: 'kyc', userId: 42, documentType: 9, contentType: 'image/png' });
saw.form = { action: form.form.action, contentType: form.formFields['Content-Type'], signed: 'X-Amz-Signature' in form.formFields };
const link = new URL(await presignDocumentDownload(s3, { bucket: 'kyc', key: 'k', documentId: form.documentId, type: 'image/png' }));
saw.download = { signed: link.searchParams.has('X-Amz-Signature'), disposition: link.searchParams.get('response-content-disposition')?.split(';')[0] };

console.log(JSON.stringify(saw));
