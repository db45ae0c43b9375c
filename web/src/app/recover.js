// recover.js: self-service password retrieval (R-AUTH-6): identifier and
// challenge, the channel (email or SMS, and a mobile number typed when the
// operation allows it), then the same answer whatever happened (the server
// never says whether an identifier exists).
import * as api from './api.js';

export async function initRecover() {
  const form = document.getElementById('form-oubli');
  const message = document.getElementById('message');
  const result = document.getElementById('resultat');
  const mobileField = document.getElementById('champ-mobile');
  let typing = false;
  const channel = () => form.querySelector('input[name=canal]:checked').value;
  // the number field only for an SMS, and only when the operation allows it
  const showMobile = () => {
    mobileField.hidden = !(typing && channel() === 'sms');
    if (mobileField.hidden) document.getElementById('mobile').value = '';
  };
  await api.session();
  api.operation().then((r) => {
    typing = r.status === 200 && r.data.mobile_saisi === true;
    showMobile();
  });
  for (const radio of form.querySelectorAll('input[name=canal]')) radio.addEventListener('change', showMobile);
  // a refused number's message goes once the number is typed again
  document.getElementById('mobile').addEventListener('input', () => { message.textContent = ''; });
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
      const r = await api.recoverPassword(v('identifiant'), v('reponse'), channel(),
        mobileField.hidden ? '' : v('mobile'));
      if (r.status === 200) {
        result.textContent = r.data.message;
        form.reset();
        showMobile();
        return;
      }
      if (r.status === 403) await api.session();
      message.textContent = r.data.erreur ?? 'La demande n\'a pas abouti, réessayez.';
    } finally {
      button.disabled = false;
    }
  });
}
