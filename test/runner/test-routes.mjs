import { RUNTIME_FILES, plainRuntimeAssets } from '../../src/build/runtime-assets.mjs';
// Answers the browser unit tests need from "a backend" and "a storage" that misbehave on demand.
// The real backend and the real storage are exercised by test/server and test/e2e.
const xmlError = (code, message) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>TEST</RequestId></Error>`;

const storageAnswers = {
  204: [204, ''],
  201: [201, '<PostResponse><Key>k</Key></PostResponse>'],
  'expired': [403, xmlError('AccessDenied', 'Invalid according to Policy: Policy expired.')],
  'condition': [403, xmlError('AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "a"]')],
  'signature': [403, xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')],
  'too-large': [400, xmlError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size')],
  'unavailable': [503, xmlError('SlowDown', 'Please reduce your request rate.')],
};

// The files the widget loads by URL at run time, served under the plain names the sources ask
// for (src/core/runtime-files.js); builds hash them, and test/package checks the built names.
const runtimeAssets = plainRuntimeAssets();

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function testRoutes(ctx, next) {
  const [, prefix, kind, scenario, detail] = ctx.path.split('/');
  // `__assets-without-heic__`: a host that left the HEIC decoder out of what it serves.
  const served = prefix === '__assets__' || (prefix === '__assets-without-heic__' && kind !== RUNTIME_FILES.heicDecoder);
  if (served && runtimeAssets[kind]) {
    ctx.type = 'text/javascript';
    ctx.body = runtimeAssets[kind];
    return;
  }
  if (prefix !== '__test__') return next();
  const body = await readBody(ctx.req);
  if (kind === 'storage' && storageAnswers[scenario]) {
    const [status, text] = storageAnswers[scenario];
    ctx.status = status;
    ctx.set('content-type', 'application/xml');
    ctx.body = text;
    return;
  }
  if (kind === 'echo') {
    // Returns what the element sent, so tests can check the request's shape.
    ctx.body = { method: ctx.method, headers: ctx.headers, body: body.toString('utf8') };
    return;
  }
  if (kind === 'status') {
    // `status/403/handoff-slot-mismatch`: a refusal with the backend's own error code.
    ctx.status = Number(scenario);
    ctx.body = { error: { code: detail ?? 'test', message: 'test' } };
    return;
  }
  if (kind === 'resume-key') {
    // A host's resume-key endpoint for one applicant: one fixed key per epoch (the real one derives
    // it, test/server/resume-key.test.ts); `resume-key/refused` is a signed-out applicant.
    if (scenario === 'refused') {
      ctx.status = 401;
      ctx.body = { error: { code: 'unauthenticated', message: 'Sign in.' } };
      return;
    }
    const { epoch = Math.floor(Date.now() / 86_400_000) } = JSON.parse(body.toString('utf8') || '{}');
    ctx.set('cache-control', 'no-store');
    ctx.body = { epoch, key: Buffer.alloc(32, epoch % 251).toString('base64url') };
    return;
  }
  if (kind === 'handoff') {
    // A host's handoff routes as the phone sees them, `handoff/<scenario>/claim` and `…/complete`:
    // `ok` claims and completes; `past` claims with an expiry already past (a reload after it);
    // `ended` claims, then refuses the completion (the handoff ended). A token that starts with
    // `expired` is refused, whatever the scenario.
    const json = (status, value) => {
      ctx.status = status;
      ctx.set('cache-control', 'no-store');
      ctx.body = value;
    };
    const expiresAt = new Date(Date.now() + (scenario === 'past' ? -60_000 : 600_000)).toISOString();
    if (detail === 'claim') {
      const { token = '' } = JSON.parse(body.toString('utf8') || '{}');
      if (token.startsWith('expired')) return json(410, { error: { code: 'handoff-expired', message: 'This code has expired.' } });
      return json(200, { session: `${scenario}-session`.padEnd(43, 's'), slot: { documentType: 9, kind: 'identity-proof', subtype: 'id-card', side: 'front' }, expiresAt });
    }
    if (detail === 'complete') {
      if (scenario === 'ended') return json(410, { error: { code: 'handoff-expired', message: 'This code has expired.' } });
      const { documentId } = JSON.parse(body.toString('utf8') || '{}');
      return json(200, { state: 'completed', expiresAt, documentId, file: { name: 'photo.jpg', type: 'image/jpeg', size: 1234 } });
    }
  }
  if (kind === 'html') {
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>Sign in</title>';
    return;
  }
  ctx.status = 404;
}
