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
upload.addEventListener('kyc-upload-success', (event) => {
  document.body.dataset.documentId = event.detail.documentId;
  refreshDocuments();
});

async function refreshDocuments() {
  const response = await fetch('/api/kyc/documents');
  if (!response.ok) return;
  documents.replaceChildren();
  for (const doc of await response.json()) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/api/kyc/documents/${encodeURIComponent(doc.documentId)}/preview`;
    link.textContent = doc.documentId;
    item.append(link, ` — type ${doc.documentType}, created ${doc.createdAt}`);
    documents.append(item);
  }
}

document.getElementById('onboarding').addEventListener('submit', (event) => {
  event.preventDefault();
  log(events, 'form submitted', Object.fromEntries(new FormData(event.target)));
});
refreshDocuments();
