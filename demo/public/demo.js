// The host page's side: listen to the widget's events, and list what the back office would review.
const upload = document.getElementById('upload');
const events = document.getElementById('events');
const documents = document.getElementById('documents');

function log(list, text, data) {
  const item = document.createElement('li');
  item.textContent = data ? `${text} ${JSON.stringify(data)}` : text;
  list.append(item);
}

const summary = {
  'kyc-upload-select': (d) => ({ name: d.file.name, size: d.file.size }),
  'kyc-upload-reject': (d) => ({ code: d.code, message: d.message }),
  'kyc-upload-start': (d) => ({ documentId: d.documentId }),
  'kyc-upload-progress': null, // too many to list; the widget shows them
  'kyc-upload-success': (d) => d,
  'kyc-upload-error': (d) => d,
};
for (const [type, describe] of Object.entries(summary)) {
  if (describe) upload.addEventListener(type, (event) => log(events, type, describe(event.detail)));
}
upload.addEventListener('kyc-upload-success', async (event) => {
  document.body.dataset.documentId = event.detail.documentId;
  // The host learns of the upload and verifies the stored bytes; it would anyway before a review.
  await fetch(`/api/kyc/documents/${encodeURIComponent(event.detail.documentId)}/verify`, { method: 'POST' });
  refreshDocuments();
});

const STATUS_TEXT = { pending: 'waiting for the file', verified: 'verified', refused: 'refused' };

/** One entry as the back office sees it: a picture and a download for a verified document only. */
function documentItem(doc) {
  const item = document.createElement('li');
  item.className = `document ${doc.status}`;
  item.dataset.documentId = doc.documentId;
  item.dataset.status = doc.status;
  if (doc.status === 'verified') {
    // An <img> runs nothing, not even an SVG's script; PDFs arrive as a picture of their first page.
    const picture = document.createElement('img');
    picture.src = doc.preview;
    picture.alt = `Preview of document ${doc.documentId}`;
    picture.loading = 'lazy';
    item.append(picture);
  }
  const text = document.createElement('p');
  const facts = [STATUS_TEXT[doc.status], doc.type, doc.pageCount && `${doc.pageCount} page(s)`, doc.refusal && `${doc.refusal.code}${doc.refusal.reason ? ` (${doc.refusal.reason})` : ''}`];
  text.textContent = `${doc.documentId} — type ${doc.documentType}, ${facts.filter(Boolean).join(', ')}`;
  item.append(text);
  if (doc.download) {
    const link = document.createElement('a');
    link.href = doc.download;
    link.textContent = 'Download';
    item.append(link);
  }
  return item;
}

async function refreshDocuments() {
  const response = await fetch('/api/kyc/documents');
  if (!response.ok) return;
  documents.replaceChildren(...(await response.json()).map(documentItem));
  documents.dataset.loaded = 'true';
}

document.getElementById('onboarding').addEventListener('submit', (event) => {
  event.preventDefault();
  log(events, 'form submitted', Object.fromEntries(new FormData(event.target)));
});
refreshDocuments();
