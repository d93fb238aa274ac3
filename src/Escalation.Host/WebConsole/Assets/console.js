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

  // The bell: its unread count follows the server's stream of counts (server-sent events) while the page is open.
  const bell = document.querySelector('[data-testid=bell]');
  if (bell && window.EventSource) {
    new EventSource('/notifications/stream').addEventListener('unread', event => {
      let badge = bell.querySelector('[data-testid=unread]');
      if (Number(event.data) > 0) {
        if (!badge) {
          badge = document.createElement('span');
          badge.className = 'badge red';
          badge.dataset.testid = 'unread';
          bell.append(badge);
        }
        badge.textContent = event.data;
      } else if (badge) {
        badge.remove();
      }
    });
  }

  // Audit: the slider shows the event number as it moves and replays where it is let go.
  document.querySelectorAll('input[type=range][data-autosubmit]').forEach(slider => {
    const shown = document.getElementById(`${slider.id}-shown`);
    slider.addEventListener('input', () => { if (shown) shown.value = slider.value; });
    slider.addEventListener('change', () => slider.form.requestSubmit());
  });
})();
