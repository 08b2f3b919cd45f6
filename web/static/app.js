// Progressive enhancement of the pages: everything works without this file.
// With htmx, forms and links swap <main> in place; this script moves focus to what changed
// and reads it out, and keeps a question from being picked twice on the enrollment form.

function announce(text) {
  const announcer = document.getElementById('announcer');
  if (!announcer || !text) return;
  // A change of content is what screen readers announce: clear first, then set.
  announcer.textContent = '';
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

function focusNewContent() {
  const main = document.getElementById('main');
  if (!main) return;
  const invalid = main.querySelector('[aria-invalid="true"]');
  const heading = main.querySelector('h1');
  (invalid || heading || main).focus();
  const notice = main.querySelector('.notice');
  announce(notice ? notice.textContent.trim() : heading ? heading.textContent.trim() : '');
}

function keepQuestionsUnique() {
  const pickers = Array.from(document.querySelectorAll('select[data-unique]'));
  const chosen = pickers.map((select) => select.value).filter(Boolean);
  for (const select of pickers) {
    for (const option of select.options) {
      option.disabled =
        option.value !== '' && option.value !== select.value && chosen.includes(option.value);
    }
  }
}

document.addEventListener('htmx:after:swap', () => {
  focusNewContent();
  keepQuestionsUnique();
});
document.addEventListener('change', (event) => {
  if (event.target instanceof HTMLSelectElement && event.target.matches('[data-unique]')) {
    keepQuestionsUnique();
  }
});
keepQuestionsUnique();
