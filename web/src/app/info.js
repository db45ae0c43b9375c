// info.js: the published lists (anyone, R-VOTE-9) and the elector's own
// data (after login).
import * as api from './api.js';
import { kioskPath } from './kiosk.js';
import { professionLink } from './vote.js';

const $ = (id) => document.getElementById(id);

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export async function initLists() {
  const r = await api.lists();
  if (r.status !== 200) {
    $('message').textContent = r.data.erreur ?? 'Listes indisponibles.';
    return;
  }
  $('scrutins-listes').replaceChildren(...r.data.map((s) => {
    const sec = el('section');
    sec.append(el('h2', s.scrutin));
    const ol = el('ol', undefined, { class: 'listes-publiees' });
    for (const l of s.listes) {
      const li = el('li');
      if (l.logo) li.append(el('img', undefined, { class: 'logo', src: l.logo, alt: '' }), ' ');
      li.append(el('strong', l.nom), l.syndicats ? ` (${l.syndicats})` : '');
      if (l.profession_de_foi) li.append(professionLink(l));
      const names = el('ol');
      for (const c of l.candidats) names.append(el('li', `${c.prenom} ${c.nom}`));
      li.append(names);
      ol.append(li);
    }
    sec.append(ol);
    return sec;
  }));
}

const labels = [['nom', 'Nom'], ['prenom', 'Prénom'], ['naissance', 'Date de naissance'],
  ['etablissement', 'Établissement'], ['college', 'Collège'], ['statut', 'Statut'],
  ['adresse', 'Adresse'], ['ville', 'Code postal et ville'], ['email', 'Courriel'],
  ['telephone', 'Téléphone']];

export async function initOwnData() {
  await api.session();
  const r = await api.ownData();
  if (r.status === 401) {
    window.location.assign(kioskPath('/connexion.html'));
    return;
  }
  if (r.status !== 200) {
    $('message').textContent = r.data.erreur ?? 'Données indisponibles.';
    return;
  }
  $('donnees').replaceChildren(...labels.flatMap(([k, label]) => [el('dt', label), el('dd', r.data[k])]));
  $('retour').href = kioskPath('/scrutins.html');
}
