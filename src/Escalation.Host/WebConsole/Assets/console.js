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

  // Inbox and board: server-sent events say when the store changed; the page then fetches itself again and swaps its
  // live part, unless the user is filling something in there. Without EventSource (or after it fails) it asks every 30 s.
  const live = document.querySelector('[data-live-region]');
  if (live) {
    const status = document.getElementById('live-status');
    const sound = document.getElementById('live-sound');
    if (sound) {
      sound.checked = localStorage.getItem('escalation.sound') === 'on';
      sound.addEventListener('change', () => localStorage.setItem('escalation.sound', sound.checked ? 'on' : 'off'));
    }
    let busy = false, lastFetch = 0, current = null;
    const regions = () => [...document.querySelectorAll('[data-live-region]')];
    const filling = () => regions().some(r => r.querySelector('details[open], input:focus, select:focus, textarea:focus'));
    const refresh = async () => {
      if (busy || filling()) return;
      busy = true;
      try {
        lastFetch = Date.now();
        const response = await fetch(location.href, { credentials: 'same-origin' });
        if (!response.ok) return;
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        // Asked again: the user may have opened a row's actions while the page was on its way.
        if (filling()) return;
        const fresh = page.querySelectorAll('[data-live-region]');
        regions().forEach((region, i) => { if (fresh[i]) region.replaceWith(document.importNode(fresh[i], true)); });
        document.title = page.title;
        if (status) status.textContent = status.dataset.text;
      } finally { busy = false; }
    };
    const beep = () => {
      const audio = new AudioContext(), tone = audio.createOscillator();
      tone.connect(audio.destination);
      tone.frequency.value = 880;
      tone.start();
      tone.stop(audio.currentTime + 0.15);
    };
    const onCounts = counts => {
      const queue = document.querySelector('nav.tabs a.active')?.dataset.queue;
      const count = queue ? counts[queue] : undefined;
      if (current !== null) {
        if (sound?.checked && count > current) beep();
        setTimeout(refresh, Math.max(0, 5000 - (Date.now() - lastFetch)));
      }
      if (count !== undefined) current = count;
      document.body.dataset.live = 'connected';
    };
    const poll = () => setInterval(refresh, 30000);
    if ('EventSource' in window) {
      const source = new EventSource(live.dataset.liveRegion);
      let failures = 0;
      source.addEventListener('queues', event => { failures = 0; onCounts(JSON.parse(event.data)); });
      source.addEventListener('error', () => { if (++failures >= 3) { source.close(); poll(); } });
    } else {
      poll();
    }
  }

  document.querySelectorAll('[data-print]').forEach(button => button.addEventListener('click', () => window.print()));

  // Audit: the slider shows the event number as it moves.
  document.querySelectorAll('input[type=range][data-autosubmit]').forEach(slider => {
    const shown = document.getElementById(`${slider.id}-shown`);
    slider.addEventListener('input', () => { if (shown) shown.value = slider.value; });
    // A pointer replays where it lets go; the keyboard moves freely and replays on Enter (not at every arrow key).
    let pointer = false;
    slider.addEventListener('pointerdown', () => { pointer = true; });
    slider.addEventListener('change', () => { if (pointer) slider.form.requestSubmit(); pointer = false; });
    slider.addEventListener('keydown', event => { if (event.key === 'Enter') { event.preventDefault(); slider.form.requestSubmit(); } });
  });

  // The bulletin's print button (a handler here, not inline: the content security policy admits no inline script).
  document.querySelectorAll('[data-print]').forEach(button => button.addEventListener('click', () => window.print()));
})();
