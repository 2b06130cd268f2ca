// One document in the back office: its facts, the server's verification, the review, the pictures
// the server drew of it (a page at a time), and the forms to validate or refuse it. Made once and
// updated in place, so a comment being typed or the page being looked at survives each refresh.
import { REVIEW_TONE, badge, dateTime, el, enc, field, formatSize, humanize, keep, mandatory, plural, shortType } from './review-dom.js';

/** A document the reviewer can decide on now: verified bytes, no decision yet, not replaced. */
export const decidable = (doc) => !doc.replacedBy && doc.status === 'verified' && doc.review?.status === 'pending';

/** What the documents need from the page: its one way to act on the server, and the refusal reasons it loaded. */
const desk = { act: async () => {}, reasons: () => [] };
export function useDesk(page) {
  Object.assign(desk, page);
}

export function newDocument(doc) {
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

export function updateDocument(entry, doc) {
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
  // What the file is in the applicant's set, as they uploaded it: "identity-proof · id-card · back".
  const slot = [doc.kind, doc.subtype, doc.side].filter(Boolean).join(' · ');
  entry.facts.replaceChildren(
    el('strong', { textContent: `Document type ${doc.documentType}` }),
    ...(slot ? [' ', el('span', { className: 'slot', textContent: slot })] : []),
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
  if (doc.status === 'verified') return [badge('Verified', 'ok'), ' The server checked the stored bytes.', ...deviceQualityLine(doc)];
  if (doc.status === 'pending') return [badge('Waiting for the file', 'wait')];
  const why = doc.refusal ? ` ${doc.refusal.code}${doc.refusal.reason ? `: ${doc.refusal.reason}` : ''}` : '';
  return [badge('Refused by verification', 'bad'), `${why}. It can never be validated.`];
}

/** What the applicant's browser said of the photo: worth a closer look when it failed, proof of nothing when it passed. */
function deviceQualityLine(doc) {
  const quality = doc.deviceQuality;
  if (!quality || quality.passed) return [];
  return [' ', badge('Look closely', 'wait'), ` The applicant's device flagged: ${quality.issues.map(humanize).join(', ').toLowerCase()} (their own check: a hint, not proof).`];
}

function reviewLine(doc, review) {
  const label = { pending: 'Waiting for review', validated: 'Validated', refused: 'Refused' }[review.status] ?? humanize(review.status);
  const reason = review.reason && (desk.reasons().find(({ code }) => code === review.reason)?.label ?? humanize(review.reason));
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
    desk.act(entry, validate, path('validate'), { comment: validateComment.value.trim(), ...(entry.sha256 ? { sha256: entry.sha256 } : {}) }, decided);
  });

  const reason = el(
    'select',
    { name: 'reason', required: true },
    el('option', { value: '', textContent: 'Choose a reason' }),
    ...desk.reasons().map(({ code, label }) => el('option', { value: code, textContent: label })),
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
    desk.act(entry, refuse, path('refuse'), { reason: reason.value, comment: refuseComment.value.trim() }, decided);
  });
  return el('fieldset', { className: 'decide' }, el('legend', { textContent: 'Your decision' }), validate, refuse);
}
