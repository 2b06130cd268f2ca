// The back office: a demo sign-in, the applicants whose documents wait for a decision, each
// document shown only as pictures the server drew, the KYC review, and the webhook log. Every few
// seconds the page is brought up to date in place, so a comment being typed or the page of a PDF
// being looked at survives each refresh.
import { $, KYC_TONE, badge, clock, dateTime, el, enc, field, humanize, mandatory, plural, reconcile, say } from './review-dom.js';
import { decidable, newDocument, updateDocument, useDesk } from './review-documents.js';

const POLL_MS = 4000;

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

// The documents act through the page: its order of answers, its error display, its reasons.
useDesk({ act, reasons: () => reasons });

// --- Sign-in ---------------------------------------------------------------------------------

// The server's lists: refusal reasons (Rebilly's) and what a compliance review decides.
let reasons = [];
let decisions = [];
const applicants = new Map();

async function openDesk(name) {
  signedIn = true;
  $('reviewer-name').textContent = name;
  $('signin').hidden = true;
  $('who').hidden = false;
  $('desk').hidden = false;
  try {
    ({ reasons, decisions } = await api('/api/review/reasons'));
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
  entry.submitted = el('p', { className: 'submitted' });
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
  entry.item = el('li', { className: 'applicant' }, head, entry.submitted, entry.counts, entry.info, entry.list, kycActions, entry.decision, entry.error);
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
  // Whether the applicant said they are done: those who did come first in the list.
  const { submission } = applicant;
  entry.item.toggleAttribute('data-submitted', Boolean(submission));
  entry.submitted.replaceChildren(
    ...(submission
      ? [badge('Submitted', 'ok'), ' ', el('time', { dateTime: submission.submittedAt, textContent: dateTime.format(new Date(submission.submittedAt)) })]
      : [badge('Not submitted yet', 'wait'), ' The applicant has not said their documents are complete.']),
  );
  entry.info.textContent = [informationStatus, comment && `Comment: “${comment}”`].filter(Boolean).join(' ');
  reconcile(entry.list, entry.documents, applicant.documents, (doc) => doc.documentId, newDocument, updateDocument);
  entry.request.disabled = !applicant.canRequestKycReview;
  const missing = applicant.requirementsMissing ?? [];
  const waitingFor = missing.length > 0 ? `Possible once a document is validated for: ${missing.map(humanize).join(', ')}.` : 'Possible once the documents are validated.';
  entry.requestHint.textContent = applicant.canRequestKycReview ? '' : (REQUEST_HINT[kycStatus] ?? waitingFor);
  const deciding = kycStatus === 'PENDING';
  // A control that disappears under the keyboard would leave focus nowhere: it goes to the name.
  if (!deciding && entry.decision.contains(document.activeElement)) entry.name.focus();
  entry.decision.hidden = !deciding;
}

function decisionForm(entry) {
  const status = el('select', { name: 'status' }, ...decisions.map((value) => el('option', { value, textContent: humanize(value) })));
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
