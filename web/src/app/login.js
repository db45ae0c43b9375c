// login.js: the login form: one request, a generic error, then the list of
// the elector's scrutins.
import * as api from './api.js';
import { kioskPath } from './kiosk.js';

export async function initLogin() {
  const form = document.getElementById('form-connexion');
  const message = document.getElementById('message');
  await api.session();
  // R-AUTH-6: offered only when the operation allows it
  api.operation().then((r) => {
    if (r.status === 200 && r.data.mot_de_passe_oublie) document.getElementById('oubli').hidden = false;
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.textContent = '';
    const v = (id) => document.getElementById(id).value.trim();
    if (!v('identifiant') || !v('mot_de_passe') || !v('reponse')) {
      message.textContent = 'Veuillez remplir les trois champs.';
      return;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const r = await api.login(v('identifiant'), v('mot_de_passe'), v('reponse'));
      if (r.status === 200) {
        window.location.assign(kioskPath('/scrutins.html'));
        return;
      }
      if (r.status === 403) await api.session();
      message.textContent = r.data.erreur ?? 'Connexion impossible.';
      document.getElementById('mot_de_passe').value = '';
    } finally {
      button.disabled = false;
    }
  });
}
