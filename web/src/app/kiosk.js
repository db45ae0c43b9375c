// kiosk.js: kiosk mode for shared voting machines (R-VOTE-10), enabled by
// opening the site with ?borne=1: the flag travels in links (never in
// browser storage), the session ends after the vote or after a short
// inactivity, and the next elector starts from a clean home page.
import * as api from './api.js';

export const KIOSK_IDLE_MS = 120000;

export function isKiosk() {
  return new URLSearchParams(window.location.search).get('borne') === '1';
}

// Same-site links keep the kiosk flag.
export function kioskLinks() {
  if (!isKiosk()) return;
  for (const a of document.querySelectorAll('a[href^="/"]')) {
    const u = new URL(a.getAttribute('href'), window.location.origin);
    u.searchParams.set('borne', '1');
    a.setAttribute('href', u.pathname + u.search);
  }
}

export function kioskPath(path) {
  return isKiosk() ? `${path}${path.includes('?') ? '&' : '?'}borne=1` : path;
}

export async function kioskEnd() {
  await api.logout();
  window.location.replace(kioskPath('/'));
}

// Log out after KIOSK_IDLE_MS without any key, click or touch.
export function kioskIdle(ms = KIOSK_IDLE_MS) {
  if (!isKiosk()) return;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(kioskEnd, ms);
  };
  for (const ev of ['keydown', 'pointerdown', 'touchstart']) window.addEventListener(ev, arm, { passive: true });
  arm();
}
