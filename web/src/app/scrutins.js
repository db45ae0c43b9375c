// scrutins.js: the elector's scrutins, voted or to vote (R-VOTE-1).
import * as api from './api.js';
import { isKiosk, kioskPath } from './kiosk.js';

const categories = { titulaires: 'Titulaires', suppleants: 'Suppléants' };

function item(s) {
  const li = document.createElement('li');
  const title = document.createElement('span');
  title.className = 'intitule';
  title.textContent = `${s.etablissement} — ${s.college} — ${categories[s.categorie] ?? s.categorie}`
    + (s.tour === 2 ? ' (2d tour)' : '');
  const state = document.createElement('span');
  state.className = s.a_vote ? 'etat vote' : 'etat a-voter';
  state.textContent = s.a_vote ? 'A voté' : 'À voter';
  li.append(title, ' ', state);
  if (s.a_vote && !isKiosk()) {
    // R-VOTE-6: downloaded again later (scrutin and time; the tracker is
    // only on the receipt given at the vote: the server does not keep it)
    const a = document.createElement('a');
    a.href = `/api/recepisse?scrutin=${s.id}`;
    a.setAttribute('download', `accuse-reception-scrutin-${s.id}.pdf`);
    a.textContent = 'Accusé de réception (PDF)';
    a.setAttribute('aria-label', `Accusé de réception (PDF) : ${title.textContent}`);
    li.append(' ', a);
  }
  if (!s.a_vote && s.etat === 'open') {
    const a = document.createElement('a');
    a.className = 'bouton';
    a.href = kioskPath(`/vote.html?scrutin=${s.id}`);
    a.textContent = 'Voter';
    a.setAttribute('aria-label', `Voter : ${title.textContent}`);
    li.append(' ', a);
  }
  return li;
}

export async function initScrutins() {
  const message = document.getElementById('message');
  await api.session(); // this page's anti-CSRF token (for logout)
  const r = await api.elector();
  if (r.status === 401) {
    window.location.assign(kioskPath('/connexion.html'));
    return;
  }
  if (r.status !== 200) {
    message.textContent = r.data.erreur ?? 'Service indisponible.';
    return;
  }
  document.getElementById('bonjour').textContent = `Bonjour ${r.data.prenom} ${r.data.nom}.`;
  const list = document.getElementById('liste-scrutins');
  list.replaceChildren(...r.data.scrutins.map(item));
  document.getElementById('deconnexion').addEventListener('click', async () => {
    await api.logout();
    window.location.assign(kioskPath('/'));
  });
}
