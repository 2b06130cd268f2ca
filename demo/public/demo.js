// The host page's side: give the document set its requirements, listen to its events, show each
// document and the identity check as they change (polled, with the time of the last answer on
// screen), and let the person replace a document that was refused.
const upload = document.getElementById('upload');
const events = document.getElementById('events');
const documents = document.getElementById('documents');
const announce = document.getElementById('announce');
const lastUpdated = document.getElementById('last-updated');

// Server-Sent Events would need a long-lived response per tab; polling every few seconds is enough
// for a status a person changes by hand, and the page says how fresh it is.
const POLL_MS = 3000;
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

function log(list, text, data) {
  const item = document.createElement('li');
  item.textContent = data ? `${text} ${JSON.stringify(data)}` : text;
  list.append(item);
}

/** Tells screen readers (and everyone) what just happened, in the page's one polite live region. */
function say(text) {
  announce.textContent = text;
}

const summary = {
  'kyc-upload-select': (d) => ({ name: d.file.name, size: d.file.size, slot: d.slot }),
  'kyc-upload-reject': (d) => ({ code: d.code, message: d.message, slot: d.slot }),
  'kyc-upload-start': (d) => ({ documentId: d.documentId, slot: d.slot }),
  'kyc-upload-progress': null, // too many to list; the widget shows them
  'kyc-upload-success': (d) => d,
  'kyc-upload-error': (d) => d,
  'kyc-document-set-change': ({ documents, ...change }) => change,
  'kyc-document-set-complete': (d) => d,
  'kyc-document-set-submitted': (d) => ({ documents: d.documents.length }),
  'kyc-document-set-submit-error': (d) => d,
};
function logEvents(element, prefix = '') {
  for (const [type, describe] of Object.entries(summary)) {
    if (describe) element.addEventListener(type, (event) => log(events, prefix + type, describe(event.detail)));
  }
}
logEvents(upload);

// The backend says what this step requires (one list, also the emulated provider's): see the README.
fetch('/api/kyc/requirements')
  .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`the server answered ${response.status}`))))
  .then((requirements) => {
    upload.requirements = requirements;
    document.body.dataset.requirements = 'loaded';
  })
  .catch((error) => say(`The document step could not load (${error.message}). Please reload the page.`));

// A side replaced inside the set: the provider still holds the old one as pending.
upload.addEventListener('kyc-document-set-change', (event) => {
  if (event.detail.replacedDocumentId) refresh();
});
upload.addEventListener('kyc-document-set-submitted', () => {
  say('Your documents were sent for review.');
  refresh();
});
upload.addEventListener('kyc-upload-success', async (event) => {
  document.body.dataset.documentId = event.detail.documentId;
  // The host learns of the upload and verifies the stored bytes; it would anyway before a review.
  await fetch(`/api/kyc/documents/${encodeURIComponent(event.detail.documentId)}/verify`, { method: 'POST' });
  refresh();
});

/** A POST with an optional JSON body; the server's own sentence when it refuses. */
async function post(path, body) {
  const init = body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { method: 'POST' };
  const response = await fetch(path, init);
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.error?.message ?? `The server answered ${response.status}.`);
  return data;
}

/** `document-unreadable` → "Document unreadable": the codes are the one list, on the server. */
const humanize = (code) => {
  const words = String(code).replaceAll(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const KYC_TONE = { VALIDATED: 'ok', REFUSED: 'bad', CANCELED: 'bad', PENDING: 'wait', INCOMPLETE: 'wait', REVIEWNEEDED: 'wait' };
const REVIEW_TONE = { validated: 'ok', refused: 'bad', pending: 'wait' };
const STATUS_TEXT = { pending: 'waiting for the file', verified: 'verified', refused: 'refused' };

function showKyc(kyc) {
  const section = document.getElementById('kyc-status');
  const badge = document.getElementById('kyc-badge');
  const comment = document.getElementById('kyc-comment');
  section.dataset.kycStatus = kyc.kycStatus;
  badge.dataset.tone = KYC_TONE[kyc.kycStatus] ?? '';
  badge.textContent = humanize(kyc.kycStatus);
  document.getElementById('kyc-information').textContent = kyc.informationStatus;
  comment.textContent = kyc.comment ? `Comment: ${kyc.comment}` : '';
  comment.hidden = !kyc.comment;
}

/** Refused by a reviewer, or by the server's verification, and not replaced yet. */
const replaceable = (doc) => !doc.replacedBy && (doc.review?.status === 'refused' || doc.status === 'refused');

// One entry per document, made once and updated in place: a refresh never reloads a picture or
// moves a <kyc-upload> (moved, it would be disconnected and lose its state mid-upload).
const entries = new Map();

function newEntry(documentId) {
  const item = document.createElement('li');
  item.dataset.documentId = documentId;
  const facts = document.createElement('p');
  const review = document.createElement('p');
  review.className = 'review';
  item.append(facts, review);
  return { item, facts, review, picture: null, link: null, button: null, panel: null };
}

function updateEntry(entry, doc) {
  const { item } = entry;
  const review = doc.review ?? { status: 'pending' };
  item.className = `document ${doc.status}`;
  item.dataset.status = doc.status;
  item.dataset.review = review.status;
  item.toggleAttribute('data-replaced', Boolean(doc.replacedBy));
  // An <img> runs nothing, not even an SVG's script; PDFs arrive as a picture of their first page.
  const preview = doc.status === 'verified' ? doc.preview : undefined;
  entry.picture = keep(entry.picture, Boolean(preview), () => {
    const picture = document.createElement('img');
    picture.alt = `Preview of document ${doc.documentId}`;
    picture.loading = 'lazy';
    // A broken picture would show its long alt text squeezed into the thumbnail.
    picture.addEventListener('error', () => (picture.alt = 'No preview'));
    item.prepend(picture);
    return picture;
  });
  if (preview && entry.picture.getAttribute('src') !== preview) entry.picture.src = preview;

  const refusal = doc.refusal && `${doc.refusal.code}${doc.refusal.reason ? ` (${doc.refusal.reason})` : ''}`;
  // Once the applicant is validated the provider deletes validated files, as its guide says.
  const deleted = doc.fileDeleted && 'file deleted by the provider after validation';
  const piece = [doc.kind, doc.subtype, doc.side].filter(Boolean).join(' · ');
  const facts = [piece, STATUS_TEXT[doc.status], doc.type, doc.pageCount && `${doc.pageCount} page(s)`, refusal, deleted];
  entry.facts.textContent = `${doc.documentId} — type ${doc.documentType}, ${facts.filter(Boolean).join(', ')}`;
  showReview(entry.review, doc, review);

  entry.link = keep(entry.link, Boolean(doc.download), () => {
    const link = document.createElement('a');
    link.textContent = 'Download';
    entry.review.after(link);
    return link;
  });
  if (doc.download && entry.link.getAttribute('href') !== doc.download) entry.link.href = doc.download;

  const canReplace = replaceable(doc);
  entry.button = keep(entry.button, canReplace, () => replaceButton(entry, doc));
  if (!canReplace && entry.panel) {
    entry.panel.remove();
    entry.panel = null;
  }
}

/** `node` while `wanted`, made by `make` when missing; removed (and null) once not wanted. */
function keep(node, wanted, make) {
  if (wanted) return node ?? make();
  node?.remove();
  return null;
}

function showReview(paragraph, doc, review) {
  const badge = document.createElement('span');
  badge.className = 'badge';
  let text = '';
  if (doc.replacedBy) {
    badge.textContent = 'Replaced';
    text = ` by document ${doc.replacedBy}`;
  } else if (doc.status === 'refused') {
    badge.textContent = 'Cannot be reviewed';
    badge.dataset.tone = 'bad';
    text = ' The server refused this file; please replace it.';
  } else {
    badge.textContent = { pending: 'Waiting for a reviewer', validated: 'Validated', refused: 'Refused by the reviewer' }[review.status];
    badge.dataset.tone = REVIEW_TONE[review.status] ?? '';
    const why = [review.reason && humanize(review.reason), review.comment && `“${review.comment}”`].filter(Boolean);
    if (review.status === 'refused' && why.length) text = ` ${why.join(': ')}`;
  }
  paragraph.replaceChildren(badge, text);
}

function replaceButton(entry, doc) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Replace this document';
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', () => {
    entry.panel ??= replacementPanel(entry, doc);
    entry.panel.hidden = button.getAttribute('aria-expanded') === 'true';
    button.setAttribute('aria-expanded', String(!entry.panel.hidden));
    button.setAttribute('aria-controls', entry.panel.id);
  });
  entry.item.append(button);
  return button;
}

/** A second widget for the same endpoint and document type; made on demand, so the page's first one stays the only one until then. */
function replacementPanel(entry, doc) {
  const panel = document.createElement('div');
  panel.className = 'replace-panel';
  panel.id = `replace-${doc.documentId}`;
  const hint = document.createElement('p');
  hint.textContent = 'Choose a new file. It replaces the refused one once it is stored and verified.';
  const uploader = document.createElement('kyc-upload');
  uploader.setAttribute('endpoint', upload.getAttribute('endpoint'));
  uploader.setAttribute('document-type', String(doc.documentType));
  // The same piece of the set: a refused back of a card is replaced by a back.
  for (const field of ['kind', 'subtype', 'side']) if (doc[field]) uploader[field] = doc[field];
  if (upload.hasAttribute('accept')) uploader.setAttribute('accept', upload.getAttribute('accept'));
  logEvents(uploader, 'replacement: ');
  uploader.addEventListener('kyc-upload-success', (event) => replaceDocument(doc.documentId, event.detail.documentId));
  panel.append(hint, uploader);
  entry.item.append(panel);
  return panel;
}

async function replaceDocument(oldId, newId) {
  document.body.dataset.documentId = newId;
  say('Checking the new file…');
  try {
    await post(`/api/kyc/documents/${encodeURIComponent(newId)}/verify`);
    await post(`/api/kyc/documents/${encodeURIComponent(oldId)}/replace`, { documentId: newId });
    say('Your new document replaced the refused one. It is waiting for a reviewer.');
  } catch (error) {
    say(`The document could not be replaced: ${error.message}`);
  }
  refresh();
}

/** Reorders only what is out of place, so an entry with a replacement upload stays put. */
function showDocuments(list) {
  list.forEach((doc, index) => {
    let entry = entries.get(doc.documentId);
    if (!entry) entries.set(doc.documentId, (entry = newEntry(doc.documentId)));
    updateEntry(entry, doc);
    if (documents.children[index] !== entry.item) documents.insertBefore(entry.item, documents.children[index] ?? null);
  });
  const listed = new Set(list.map((doc) => doc.documentId));
  for (const [documentId, entry] of entries) {
    if (listed.has(documentId)) continue;
    entry.item.remove();
    entries.delete(documentId);
  }
  documents.dataset.loaded = 'true';
}

// What changed since the last answer is said aloud; the first answer is just shown.
let previous;
function announceChanges(status) {
  const now = { kyc: status.kyc.kycStatus, reviews: new Map(status.documents.map((doc) => [doc.documentId, doc.review?.status])) };
  if (previous && previous.kyc !== now.kyc) say(`Identity check: ${humanize(now.kyc)}. ${status.kyc.informationStatus}`);
  for (const doc of previous ? status.documents : []) {
    const before = previous.reviews.get(doc.documentId);
    if (before && before !== doc.review?.status && doc.review?.status !== 'pending') {
      say(`Document ${doc.documentId} was ${doc.review.status}${doc.review.reason ? `: ${humanize(doc.review.reason)}` : ''}.`);
    }
  }
  previous = now;
}

let lastSuccess;
async function load() {
  let status;
  try {
    const response = await fetch('/api/kyc/status');
    if (!response.ok) throw new Error(response.status === 401 ? 'no session, reload the page' : `the server answered ${response.status}`);
    status = await response.json();
  } catch (error) {
    const when = lastSuccess ? `Last updated ${clock.format(lastSuccess)}` : 'Not updated yet';
    lastUpdated.textContent = `${when} — could not refresh (${error.message}); trying again.`;
    return;
  }
  showKyc(status.kyc);
  showDocuments(status.documents);
  announceChanges(status);
  lastSuccess = new Date();
  lastUpdated.textContent = `Last updated ${clock.format(lastSuccess)}`;
}

// One request at a time; asked again meanwhile (after an upload), it runs once more at the end.
let running = false;
let again = false;
async function refresh() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      await load();
    } while (again);
  } finally {
    running = false;
  }
}

function poll() {
  setTimeout(async () => {
    // A hidden tab asks nothing; it catches up the moment it is shown again.
    if (!document.hidden) await refresh();
    poll();
  }, POLL_MS);
}
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) refresh();
});

refresh();
poll();
