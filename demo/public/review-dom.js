// The review page's small DOM and formatting helpers: the page builds every node itself (no HTML
// is parsed, under Trusted Types), and says what happened in one polite live region.
export const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
export const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const $ = (id) => document.getElementById(id);
export const enc = encodeURIComponent;

/** An element with properties and children (strings become text): the page never parses HTML. */
export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== ''));
  return node;
}

export function badge(text, tone = '') {
  const node = el('span', { className: 'badge', textContent: text });
  if (tone) node.dataset.tone = tone;
  return node;
}

/** `document-unreadable` → "Document unreadable": the codes stay the server's one list. */
export function humanize(code) {
  const words = String(code).replaceAll(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
export const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
export const KYC_TONE = { VALIDATED: 'ok', REFUSED: 'bad', CANCELED: 'bad', PENDING: 'wait', INCOMPLETE: 'wait', REVIEWNEEDED: 'wait' };
export const REVIEW_TONE = { validated: 'ok', refused: 'bad', pending: 'wait' };

export function formatSize(bytes) {
  const [value, unit] = bytes >= 1e6 ? [bytes / 1e6, 'megabyte'] : [bytes / 1e3, 'kilobyte'];
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
/** `application/pdf` → PDF, `image/svg+xml` → SVG. */
export const shortType = (type) => (type.split('/')[1] ?? type).split('+')[0].toUpperCase();

/** Tells screen readers (and everyone) what just happened, in the page's one polite live region. */
export const say = (text) => ($('announce').textContent = text);

/** `node` while `wanted`, made by `make` when missing; removed (and null) once not wanted. */
export function keep(node, wanted, make) {
  if (wanted) return node ?? make();
  node?.remove();
  return null;
}

/**
 * Brings `container` in line with `list`, one entry per key, each made once and then updated:
 * only what is out of place moves, and what left the list goes.
 */
export function reconcile(container, entries, list, keyOf, create, update) {
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
export function field(text, control, id) {
  control.id = id;
  return el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: text }), control);
}

/** Marks a field as needing more than blanks, with the browser's own validation message. */
export function mandatory(input, message) {
  const check = () => input.setCustomValidity(input.value.trim() ? '' : message);
  input.addEventListener('input', check);
  check();
  return input;
}
