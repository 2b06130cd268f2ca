// The back office: a demo sign-in, the applicants whose documents wait for a decision, each
// document shown only as pictures the server drew, the KYC review, and the webhook log. Every few
// seconds the page is brought up to date in place, so a comment being typed or the page of a PDF
// being looked at survives each refresh.
const POLL_MS = 4000;
const KYC_DECISIONS = ['VALIDATED', 'REFUSED', 'INCOMPLETE'];
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;

/** An element with properties and children (strings become text): the page never parses HTML. */
function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== ''));
  return node;
}

function badge(text, tone = '') {
  const node = el('span', { className: 'badge', textContent: text });
  if (tone) node.dataset.tone = tone;
  return node;
}

/** `document-unreadable` → "Document unreadable": the codes stay the server's one list. */
function humanize(code) {
  const words = String(code).replaceAll(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
const KYC_TONE = { VALIDATED: 'ok', REFUSED: 'bad', CANCELED: 'bad', PENDING: 'wait', INCOMPLETE: 'wait', REVIEWNEEDED: 'wait' };
const REVIEW_TONE = { validated: 'ok', refused: 'bad', pending: 'wait' };

function formatSize(bytes) {
  const [value, unit] = bytes >= 1e6 ? [bytes / 1e6, 'megabyte'] : [bytes / 1e3, 'kilobyte'];
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
/** `application/pdf` → PDF, `image/svg+xml` → SVG. */
const shortType = (type) => (type.split('/')[1] ?? type).split('+')[0].toUpperCase();

/** Tells screen readers (and everyone) what just happened, in the page's one polite live region. */
const say = (text) => ($('announce').textContent = text);

/** `node` while `wanted`, made by `make` when missing; removed (and null) once not wanted. */
function keep(node, wanted, make) {
  if (wanted) return node ?? make();
  node?.remove();
  return null;
}

/**
 * Brings `container` in line with `list`, one entry per key, each made once and then updated:
 * only what is out of place moves, and what left the list goes.
 */
function reconcile(container, entries, list, keyOf, create, update) {
  list.forEach((data, index) => {
    const key = keyOf(data);
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = create(data)));
    update(entry, data);
    if (container.children[index] !== entry.item) container.insertBefore(entry.item, container.children[index] ?? null);
  });
  const keys = new Set(list.map(keyOf));
  for (const [key, entry] of entries) {
    if (keys.has(key)) continue;
    entry.item.remove();
    entries.delete(key);
  }
}

/**
 * A label and its control, tied by id: a control wrapped in its label would have its own value
 * (the chosen option, the text typed) read as part of its name.
 */
function field(text, control, id) {
  control.id = id;
  return el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: text }), control);
}

/** Marks a field as needing more than blanks, with the browser's own validation message. */
function mandatory(input, message) {
  const check = () => input.setCustomValidity(input.value.trim() ? '' : message);
  input.addEventListener('input', check);
  check();
  return input;
}

// --- The server -----------------------------------------------------------------------------

let signedIn = false;

async function api(path, { method = 'GET', body } = {}) {
  const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return data;
  if (response.status === 401 && signedIn) showSignin('Your reviewer session ended; sign in again.');
  const error = new Error(data?.error?.message ?? `The server answered ${response.status}.`);
  error.status = response.status;
  error.code = data?.error?.code;
  throw error;
}

// Answers are shown in the order they were asked for: an older one arriving late is dropped, and
// an action drops every refresh already on its way (it would show the state before the action).
let asked = 0;
let shown = 0;
const dropRefreshesInFlight = () => (shown = ++asked);
let lastSuccess;

async function refresh() {
  const ticket = ++asked;
  try {
    const [applicants, webhooks] = await Promise.all([api('/api/review/applicants'), api('/api/review/webhooks')]);
    if (!signedIn || ticket < shown) return;
    shown = ticket;
    showApplicants(applicants);
    showWebhooks(webhooks);
    lastSuccess = new Date();
    $('last-updated').textContent = `Last updated ${clock.format(lastSuccess)}`;
  } catch (error) {
    if (!signedIn || ticket < shown) return;
    const when = lastSuccess ? `Last updated ${clock.format(lastSuccess)}` : 'Not updated yet';
    $('last-updated').textContent = `${when} — could not refresh (${error.message}); trying again.`;
  }
}

let timer;
function poll() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    // A hidden tab asks nothing; it catches up the moment it is shown again.
    if (!document.hidden) await refresh();
    if (signedIn) poll();
  }, POLL_MS);
}
document.addEventListener('visibilitychange', () => {
  if (signedIn && !document.hidden) refresh();
});

/**
 * Sends one reviewer action with its control disabled meanwhile. The server's sentence is shown
 * next to the control on a refusal (form still open, already decided, provider refused…).
 */
async function act(entry, control, path, body, done) {
  const buttons = control.matches('button') ? [control] : [...control.querySelectorAll('button')];
  for (const button of buttons) button.disabled = true;
  entry.error.textContent = '';
  dropRefreshesInFlight();
  let result;
  let failure;
  try {
    result = await api(path, { method: 'POST', body });
  } catch (error) {
    failure = error;
  }
  for (const button of buttons) button.disabled = false;
  if (failure) {
    entry.error.textContent = failure.message;
    say(failure.message);
  } else {
    say(done(result));
  }
  refresh();
}

// --- Sign-in ---------------------------------------------------------------------------------

let reasons = [];
const applicants = new Map();

async function openDesk(name) {
  signedIn = true;
  $('reviewer-name').textContent = name;
  $('signin').hidden = true;
  $('who').hidden = false;
  $('desk').hidden = false;
  try {
    reasons = (await api('/api/review/reasons')).reasons;
  } catch (error) {
    say(`The refusal reasons could not be loaded: ${error.message}`);
  }
  await refresh();
  poll();
}

function showSignin(message = '') {
  signedIn = false;
  clearTimeout(timer);
  $('desk').hidden = true;
  $('who').hidden = true;
  $('signin').hidden = false;
  for (const entry of applicants.values()) entry.item.remove();
  applicants.clear();
  $('webhooks').replaceChildren();
  shownWebhooks = '';
  say(message);
}

$('signin').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const session = await api('/api/review/session', { method: 'POST', body: { name: $('reviewer').value.trim() } });
    await openDesk(session.name);
    $('queue-title').focus();
  } catch (error) {
    say(`Could not sign in: ${error.message}`);
  }
});
mandatory($('reviewer'), 'Write your name.');

$('signout').addEventListener('click', async () => {
  await api('/api/review/session', { method: 'DELETE' }).catch(() => {});
  showSignin('Signed out.');
  $('reviewer').focus();
});

// --- Applicants ------------------------------------------------------------------------------

/** A document the reviewer can decide on now: verified bytes, no decision yet, not replaced. */
const decidable = (doc) => !doc.replacedBy && doc.status === 'verified' && doc.review?.status === 'pending';

function counts(documents) {
  const current = documents.filter((doc) => !doc.replacedBy);
  const count = (test) => current.filter(test).length;
  const toReview = count(decidable);
  const validated = count((doc) => doc.review?.status === 'validated');
  const refused = count((doc) => doc.review?.status === 'refused' || doc.status === 'refused');
  return `${plural(current.length, 'document')}: ${toReview} to review, ${validated} validated, ${refused} refused`;
}

function showApplicants(list) {
  // Someone who has not uploaded anything has nothing to review yet.
  const queue = list.filter((applicant) => applicant.documents.length > 0);
  reconcile($('applicants'), applicants, queue, (applicant) => String(applicant.userId), newApplicant, updateApplicant);
  $('queue-empty').hidden = queue.length > 0;
}

function newApplicant(applicant) {
  const entry = { userId: applicant.userId, documents: new Map() };
  entry.name = el('h3', { tabIndex: -1 });
  entry.badge = badge('');
  entry.counts = el('p', { className: 'counts' });
  entry.info = el('p', { className: 'kyc-info' });
  entry.list = el('ol', { className: 'docs' });
  entry.request = el('button', { type: 'button', className: 'primary', textContent: 'Request KYC review' });
  entry.requestHint = el('p', { className: 'note' });
  entry.decision = decisionForm(entry);
  entry.error = el('p', { className: 'error' });
  entry.request.addEventListener('click', () =>
    act(entry, entry.request, `/api/review/applicants/${enc(entry.userId)}/kyc-review`, {}, (result) => {
      updateApplicant(entry, result);
      return `KYC review requested for ${result.name}.`;
    }),
  );
  const head = el('div', { className: 'applicant-head' }, entry.name, entry.badge);
  const kycActions = el('div', { className: 'kyc-actions' }, entry.request, entry.requestHint);
  entry.item = el('li', { className: 'applicant' }, head, entry.counts, entry.info, entry.list, kycActions, entry.decision, entry.error);
  entry.item.dataset.userId = applicant.userId;
  return entry;
}

const REQUEST_HINT = {
  PENDING: 'Requested: waiting for the compliance decision.',
  VALIDATED: 'This identity is validated.',
};

function updateApplicant(entry, applicant) {
  const { kycStatus, informationStatus, comment } = applicant.kyc;
  entry.item.dataset.kycStatus = kycStatus;
  entry.name.textContent = applicant.name;
  entry.badge.textContent = `KYC: ${humanize(kycStatus)}`;
  entry.badge.dataset.tone = KYC_TONE[kycStatus] ?? '';
  entry.counts.textContent = counts(applicant.documents);
  entry.info.textContent = [informationStatus, comment && `Comment: “${comment}”`].filter(Boolean).join(' ');
  reconcile(entry.list, entry.documents, applicant.documents, (doc) => doc.documentId, newDocument, updateDocument);
  entry.request.disabled = !applicant.canRequestKycReview;
  entry.requestHint.textContent = applicant.canRequestKycReview ? '' : (REQUEST_HINT[kycStatus] ?? 'Possible once the documents are validated.');
  const deciding = kycStatus === 'PENDING';
  // A control that disappears under the keyboard would leave focus nowhere: it goes to the name.
  if (!deciding && entry.decision.contains(document.activeElement)) entry.name.focus();
  entry.decision.hidden = !deciding;
}

function decisionForm(entry) {
  const status = el('select', { name: 'status' }, ...KYC_DECISIONS.map((value) => el('option', { value, textContent: humanize(value) })));
  const comment = mandatory(el('input', { name: 'comment', required: true, maxLength: 500, autocomplete: 'off' }), 'Write a comment for the decision.');
  const form = el(
    'form',
    { className: 'decision', hidden: true },
    el(
      'fieldset',
      {},
      el('legend', { textContent: 'Compliance decision (demo only)' }),
      el('p', { className: 'note', textContent: "Stands for the provider's compliance team, who decide in a real integration." }),
      field('Decision', status, `decision-${entry.userId}`),
      field('Decision comment', comment, `decision-comment-${entry.userId}`),
      el('button', { type: 'submit', className: 'primary', textContent: 'Record decision' }),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { status: status.value, comment: comment.value.trim() };
    act(entry, form, `/api/review/applicants/${enc(entry.userId)}/compliance-decision`, body, (result) => {
      updateApplicant(entry, result);
      return `${result.name}: identity check ${humanize(result.kyc.kycStatus)}.`;
    });
  });
  return form;
}

// --- Documents -------------------------------------------------------------------------------

function newDocument(doc) {
  // sha256: the bytes the pictures and the link show, and the ones "Validate" names.
  const entry = { documentId: doc.documentId, page: 1, figure: null, link: null, decide: null, sha256: null };
  entry.facts = el('p', { className: 'facts' });
  entry.verification = el('p');
  entry.review = el('p');
  entry.error = el('p', { className: 'error' });
  entry.body = el('div', { className: 'doc-body' }, entry.facts, entry.verification, entry.review, entry.error);
  entry.item = el('li', { className: 'doc', tabIndex: -1 }, entry.body);
  entry.item.dataset.documentId = doc.documentId;
  return entry;
}

function updateDocument(entry, doc) {
  const { item } = entry;
  const review = doc.review ?? { status: 'pending' };
  // An error about the state before (form still open…) goes once the document has moved on.
  if (item.dataset.review !== review.status || item.dataset.status !== doc.status) entry.error.textContent = '';
  item.dataset.status = doc.status;
  item.dataset.review = review.status;
  item.toggleAttribute('data-replaced', Boolean(doc.replacedBy));
  // Bytes replaced through a still-open form are other bytes: their pictures start afresh.
  if (entry.figure && entry.sha256 !== doc.sha256) {
    entry.figure.remove();
    entry.figure = null;
    entry.page = 1;
  }
  entry.sha256 = doc.sha256 ?? null;
  entry.figure = keep(entry.figure, doc.status === 'verified' && Boolean(doc.preview), () => {
    const figure = previewFigure(entry, doc);
    item.prepend(figure);
    return figure;
  });

  const facts = [doc.type && shortType(doc.type), doc.size && formatSize(doc.size), doc.pageCount && plural(doc.pageCount, 'page')];
  entry.facts.replaceChildren(
    el('strong', { textContent: `Document type ${doc.documentType}` }),
    ` · ${[...facts.filter(Boolean), `uploaded ${dateTime.format(new Date(doc.createdAt))}`].join(' · ')}`,
    el('br'),
    el('code', { textContent: doc.documentId }),
  );
  entry.verification.replaceChildren(...verificationLine(doc));
  entry.review.replaceChildren(...reviewLine(doc, review));

  entry.link = keep(entry.link, Boolean(doc.download), () => {
    const link = el('a', { textContent: 'Download' });
    entry.review.after(link);
    return link;
  });
  const download = doc.download && ofTheseBytes(doc.download, doc);
  if (download && entry.link.getAttribute('href') !== download) entry.link.href = download;

  const wasFocused = entry.decide?.contains(document.activeElement);
  entry.decide = keep(entry.decide, decidable(doc), () => {
    const decide = decideForms(entry);
    entry.error.before(decide);
    return decide;
  });
  if (wasFocused && !entry.decide) item.focus();
}

function verificationLine(doc) {
  if (doc.fileDeleted) return [badge('Verified', 'ok'), ' File deleted by the provider once the applicant was validated.'];
  if (doc.status === 'verified') return [badge('Verified', 'ok'), ' The server checked the stored bytes.'];
  if (doc.status === 'pending') return [badge('Waiting for the file', 'wait')];
  const why = doc.refusal ? ` ${doc.refusal.code}${doc.refusal.reason ? `: ${doc.refusal.reason}` : ''}` : '';
  return [badge('Refused by verification', 'bad'), `${why}. It can never be validated.`];
}

function reviewLine(doc, review) {
  const label = { pending: 'Waiting for review', validated: 'Validated', refused: 'Refused' }[review.status] ?? humanize(review.status);
  const reason = review.reason && (reasons.find(({ code }) => code === review.reason)?.label ?? humanize(review.reason));
  const why = [reason, review.comment && `“${review.comment}”`].filter(Boolean).join(': ');
  if (doc.replacedBy) return [badge('Replaced'), ` The applicant sent document ${doc.replacedBy} instead${why ? ` of this one (${why})` : ''}.`];
  return [badge(label, REVIEW_TONE[review.status]), review.by ? ` by ${review.by}.` : '', why ? ` ${why}` : ''];
}

/** The server's pictures of the document, a page at a time: an <img> runs nothing it shows. */
/** A link that answers with the bytes the document was listed with, or a refusal (409): never others. */
const ofTheseBytes = (path, doc) => `${path}?sha256=${enc(doc.sha256)}`;

function previewFigure(entry, doc) {
  const pages = doc.pageCount ?? 1;
  const picture = el('img', { decoding: 'async' });
  picture.addEventListener('error', () => (picture.alt = 'No picture of this page; download the document instead.'));
  const figure = el('figure', { className: 'preview' }, picture);
  const show = () => {
    picture.src = ofTheseBytes(entry.page === 1 ? doc.preview : doc.preview.replace(/\/preview$/, `/pages/${entry.page}`), doc);
    picture.alt = `Page ${entry.page} of ${pages} of document ${doc.documentId}`;
  };
  if (pages > 1) {
    const previous = el('button', { type: 'button', textContent: 'Previous page' });
    const next = el('button', { type: 'button', textContent: 'Next page' });
    const where = el('span', { className: 'page-number' });
    const turn = (step) => {
      entry.page = Math.min(pages, Math.max(1, entry.page + step));
      show();
      where.textContent = `Page ${entry.page} of ${pages}`;
      // A disabled button loses focus: it moves to the other one, which still does something.
      const [atStart, atEnd] = [entry.page === 1, entry.page === pages];
      if ((atStart && document.activeElement === previous) || (atEnd && document.activeElement === next)) (atStart ? next : previous).focus();
      previous.disabled = atStart;
      next.disabled = atEnd;
    };
    previous.addEventListener('click', () => turn(-1));
    next.addEventListener('click', () => turn(1));
    figure.append(el('figcaption', { className: 'pager' }, previous, where, next));
    turn(0);
  } else {
    show();
  }
  return figure;
}

function decideForms(entry) {
  const path = (action) => `/api/review/documents/${enc(entry.documentId)}/${action}`;
  const decided = (doc) => {
    updateDocument(entry, doc);
    return `Document ${doc.documentId}: ${doc.review.status}.`;
  };
  const validateComment = mandatory(el('input', { name: 'comment', required: true, maxLength: 500, autocomplete: 'off', value: 'Document checked' }), 'Write a comment.');
  const validate = el(
    'form',
    { className: 'validate' },
    field('Validation comment', validateComment, `validate-comment-${entry.documentId}`),
    el('button', { type: 'submit', className: 'primary', textContent: 'Validate' }),
  );
  validate.addEventListener('submit', (event) => {
    event.preventDefault();
    // The hash of what the pictures showed: the server validates those bytes, or answers `changed`.
    act(entry, validate, path('validate'), { comment: validateComment.value.trim(), ...(entry.sha256 ? { sha256: entry.sha256 } : {}) }, decided);
  });

  const reason = el(
    'select',
    { name: 'reason', required: true },
    el('option', { value: '', textContent: 'Choose a reason' }),
    ...reasons.map(({ code, label }) => el('option', { value: code, textContent: label })),
  );
  const refuseComment = mandatory(el('input', { name: 'comment', required: true, maxLength: 500, autocomplete: 'off' }), 'Tell the applicant what to fix.');
  const refuse = el(
    'form',
    { className: 'refuse' },
    field('Refusal reason', reason, `refuse-reason-${entry.documentId}`),
    field('Refusal comment', refuseComment, `refuse-comment-${entry.documentId}`),
    el('p', { className: 'note', textContent: 'The applicant sees the reason and the comment.' }),
    el('button', { type: 'submit', textContent: 'Refuse' }),
  );
  refuse.addEventListener('submit', (event) => {
    event.preventDefault();
    act(entry, refuse, path('refuse'), { reason: reason.value, comment: refuseComment.value.trim() }, decided);
  });
  return el('fieldset', { className: 'decide' }, el('legend', { textContent: 'Your decision' }), validate, refuse);
}

// --- Webhooks --------------------------------------------------------------------------------

let shownWebhooks = '';
function showWebhooks(list) {
  const key = list.map((hook) => hook.webhookId).join();
  // Nothing in the log takes focus or loads anything, but an unchanged log is left alone.
  if (key === shownWebhooks) return;
  shownWebhooks = key;
  $('webhooks-empty').hidden = list.length > 0;
  $('webhooks').replaceChildren(
    ...list.map((hook) => {
      const item = el(
        'li',
        {},
        el('strong', { textContent: hook.webhook }),
        el('time', { dateTime: hook.receivedAt, textContent: clock.format(new Date(hook.receivedAt)) }),
        el('span', { className: 'object', textContent: `object ${hook.objectId}` }),
        hook.verified ? badge('Signature verified', 'ok') : badge('Signature not verified', 'bad'),
      );
      item.dataset.webhook = hook.webhook;
      item.dataset.webhookId = hook.webhookId;
      return item;
    }),
  );
}

// --- Start -----------------------------------------------------------------------------------

api('/api/review/session').then(
  (session) => openDesk(session.name),
  (error) => showSignin(error.status === 401 ? '' : `The back office did not answer: ${error.message}`),
);
