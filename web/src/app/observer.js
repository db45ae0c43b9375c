// observer.js: the observers' page (R-AUTH-7): their own login form, then
// the live turnout of their scrutins, read again every 30 s. Numbers of
// émargements and inscrits only: the server has nothing else for them.
import * as api from './api.js';

export const OBSERVER_REFRESH_MS = 30000;

const states = {
  draft: 'En préparation', sealed: 'Scellé', test_vote: 'Vote à blanc', open: 'Ouvert',
  suspended: 'Suspendu', closed: 'Clos', counted: 'Dépouillé',
};
const categories = { titulaires: 'Titulaires', suppleants: 'Suppléants' };

function cell(text, numeric) {
  const td = document.createElement('td');
  td.textContent = text;
  if (numeric) td.className = 'nombre';
  return td;
}

function label(g, name) {
  return `${g[name]} — ${categories[g.categorie] ?? g.categorie}${g.tour === 2 ? ' (2d tour)' : ''}`;
}

function numbers(g) {
  const pct = `${String(g.participation).replace('.', ',')}\u00a0%`;
  return [cell(String(g.inscrits), true), cell(String(g.votants), true), cell(pct, true)];
}

function fill(id, rows, make) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren(...rows.map((g) => {
    const tr = document.createElement('tr');
    tr.append(...make(g));
    return tr;
  }));
}

function show(data) {
  const o = data.observateur;
  document.getElementById('qui').textContent = `${o.prenom} ${o.nom}, ${o.qualite}.`;
  fill('table-scrutins', data.scrutins, (s) => [cell(s.scrutin + (s.tour === 2 ? ' (2d tour)' : '')),
    cell(states[s.etat] ?? s.etat), ...numbers(s)]);
  fill('table-colleges', data.colleges, (g) => [cell(label(g, 'college')), ...numbers(g)]);
  fill('table-etablissements', data.etablissements, (g) => [cell(label(g, 'etablissement')), ...numbers(g)]);
  const at = new Date(data.horodatage * 1000).toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris' });
  document.getElementById('maj').textContent = `Mis à jour à ${at} (heure de Paris), toutes les 30 secondes.`;
}

async function refresh() {
  const r = await api.observerTurnout();
  if (r.status === 200) {
    show(r.data);
    return true;
  }
  document.getElementById('bloc-participation').hidden = true;
  document.getElementById('bloc-connexion').hidden = false;
  document.getElementById('message').textContent = r.data.erreur ?? 'Service indisponible.';
  return false;
}

async function start() {
  document.getElementById('bloc-connexion').hidden = true;
  document.getElementById('bloc-participation').hidden = false;
  if (!(await refresh())) return;
  document.getElementById('titre-participation').focus();
  const timer = setInterval(async () => {
    if (!(await refresh())) clearInterval(timer);
  }, OBSERVER_REFRESH_MS);
}

export async function initObserver() {
  const form = document.getElementById('form-observation');
  const message = document.getElementById('message');
  const s = await api.session();
  if (s.data.observateur) {
    start();
  }
  document.getElementById('deconnexion').addEventListener('click', async () => {
    await api.logout();
    window.location.assign('/');
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.textContent = '';
    const v = (id) => document.getElementById(id).value.trim();
    if (!v('identifiant') || !v('mot_de_passe')) {
      message.textContent = 'Veuillez remplir les deux champs.';
      return;
    }
    const r = await api.observerLogin(v('identifiant'), v('mot_de_passe'));
    document.getElementById('mot_de_passe').value = '';
    if (r.status === 200) {
      start();
      return;
    }
    if (r.status === 403) await api.session();
    message.textContent = r.data.erreur ?? 'Connexion impossible.';
  });
}
