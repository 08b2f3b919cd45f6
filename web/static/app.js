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

// The request never reached the server (offline, server down): the form stays as typed, and
// a message in the page's language says so. Answers from the server are shown as pages.
function showNetworkError() {
  const main = document.getElementById('main');
  const text = document.body.dataset.networkError;
  if (!main || !text) return;
  let notice = main.querySelector('.notice-network');
  if (!notice) {
    notice = document.createElement('div');
    notice.className = 'notice notice-error notice-network';
    notice.setAttribute('role', 'alert');
    main.querySelector('h1')?.after(notice);
  }
  notice.textContent = text;
  announce(text);
}

document.addEventListener('htmx:error', (event) => {
  if (!event.detail?.ctx?.response) showNetworkError();
});
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
