// Small enhancements; every page works without them.
(() => {
  // Ctrl+Enter submits the form being filled.
  document.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target.form) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });

  // Intake: the duplicate hint follows the place and category as they are filled in.
  const intake = document.querySelector('form[data-duplicates]');
  if (intake) {
    const refresh = async () => {
      const place = intake.elements['Form.Place'].value, category = intake.elements['Form.Category'].value;
      const url = `${intake.dataset.duplicates}&place=${encodeURIComponent(place)}&category=${encodeURIComponent(category)}`;
      const response = await fetch(url, { credentials: 'same-origin' });
      if (response.ok) document.getElementById('duplicates').outerHTML = await response.text();
    };
    intake.querySelectorAll('[data-hint=duplicates]').forEach(input => input.addEventListener('change', refresh));
  }

  // Inbox: a row's action forms are loaded when its actions are opened, so a page of rows carries none.
  document.addEventListener('toggle', async event => {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.load) return;
    const url = details.dataset.load;
    delete details.dataset.load;
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return;
    const html = (await response.text()).trim();
    if (!html) return;
    const holder = document.createElement('div');
    holder.innerHTML = html;
    const loaded = holder.firstElementChild;
    details.replaceWith(loaded);
    loaded.querySelector('input:not([type=hidden]), select, textarea, button')?.focus();
  }, true);

  document.querySelectorAll('[data-print]').forEach(button => button.addEventListener('click', () => window.print()));

  // Audit: the slider shows the event number as it moves and replays where it is let go.
  document.querySelectorAll('input[type=range][data-autosubmit]').forEach(slider => {
    const shown = document.getElementById(`${slider.id}-shown`);
    slider.addEventListener('input', () => { if (shown) shown.value = slider.value; });
    slider.addEventListener('change', () => slider.form.requestSubmit());
  });
})();
