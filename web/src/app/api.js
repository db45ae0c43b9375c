// api.js: JSON calls to the worker with the session's anti-CSRF token.
let csrf = null;

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const resp = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  let data = {};
  try {
    data = await resp.json();
  } catch {
    data = { erreur: 'Réponse inattendue du serveur, réessayez dans un instant.' };
  }
  if (data.csrf) csrf = data.csrf;
  return { status: resp.status, data };
}

export async function session() {
  return call('GET', '/api/session');
}
export async function login(identifiant, motDePasse, reponse) {
  return call('POST', '/api/connexion', { identifiant, mot_de_passe: motDePasse, reponse });
}
export async function recoverPassword(identifiant, reponse, canal, mobile) {
  const body = { identifiant, reponse, canal };
  if (mobile) body.mobile = mobile;
  return call('POST', '/api/mot-de-passe', body);
}
export async function logout() {
  return call('POST', '/api/deconnexion');
}
export async function elector() {
  return call('GET', '/api/electeur');
}
export async function operation() {
  return call('GET', '/api/operation');
}
export async function ballot(scrutin) {
  return call('GET', `/api/bulletin?scrutin=${encodeURIComponent(scrutin)}`);
}
export async function vote(scrutin, bulletin, motDePasse) {
  const body = { scrutin, bulletin };
  if (motDePasse !== undefined) body.mot_de_passe = motDePasse;
  return call('POST', '/api/vote', body);
}
// R-VOTE-6: the cast's receipt sent again by email, to the address of the
// electors list (the page never sends one).
export async function receiptMail(recepisse) {
  return call('POST', '/api/recepisse/courriel', { recepisse });
}
export async function lists() {
  return call('GET', '/api/listes');
}
export async function ownData() {
  return call('GET', '/api/electeur/donnees');
}
export async function observerLogin(identifiant, motDePasse) {
  return call('POST', '/api/observateur/connexion', { identifiant, mot_de_passe: motDePasse });
}
export async function observerTurnout() {
  return call('GET', '/api/observateur/participation');
}
// The receipt as a PDF (R-VOTE-6): from the cast's receipt, or later by
// scrutin (then without the tracker). { status, blob } or { status, data }.
export async function receiptPdf(recepisse) {
  const resp = await fetch('/api/recepisse', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf ?? '' },
    body: JSON.stringify({ recepisse }),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (resp.status === 200) return { status: 200, blob: await resp.blob() };
  let data = {};
  try {
    data = await resp.json();
  } catch {
    data = { erreur: 'Réponse inattendue du serveur, réessayez dans un instant.' };
  }
  return { status: resp.status, data };
}
