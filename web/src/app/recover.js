// recover.js: self-service password retrieval (R-AUTH-6): identifier and
// challenge, then the same answer whatever happened (the server never says
// whether an identifier exists).
import * as api from './api.js';

export async function initRecover() {
  const form = document.getElementById('form-oubli');
  const message = document.getElementById('message');
  const result = document.getElementById('resultat');
  await api.session();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.textContent = '';
    result.textContent = '';
    const v = (id) => document.getElementById(id).value.trim();
    if (!v('identifiant') || !v('reponse')) {
      message.textContent = 'Veuillez remplir les deux champs.';
      return;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const r = await api.recoverPassword(v('identifiant'), v('reponse'));
      if (r.status === 200) {
        result.textContent = r.data.message;
        form.reset();
        return;
      }
      if (r.status === 403) await api.session();
      message.textContent = r.data.erreur ?? 'La demande n\'a pas abouti, réessayez.';
    } finally {
      button.disabled = false;
    }
  });
}
