// vote.js: the ballot (R-VOTE-2/3/4/6): choose a list or blank, strike
// names, see the summary, confirm; the ballot is encrypted here with its
// proofs (web/src/crypto) and only then sent; the receipt is shown.
import * as api from './api.js';
import { parisTime } from './home.js';
import { isKiosk, kioskPath } from './kiosk.js';
import { BLANK, NUL, encryptBallot } from '../crypto/ballot.js';

const $ = (id) => document.getElementById(id);

// Lists are shown in a random order at each display (R-VOTE-2); the ballot
// itself always uses the drawn order.
function shuffled(n) {
  const order = Array.from({ length: n }, (_, i) => i);
  const rnd = new Uint32Array(n);
  crypto.getRandomValues(rnd);
  for (let i = n - 1; i > 0; i--) {
    const j = rnd[i] % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function listBlock(list, l) {
  const radio = el('input', { type: 'radio', name: 'choix', id: `choix-${l}`, value: String(l) });
  const names = list.candidats.map((c, j) => {
    const id = `c-${l}-${j}`;
    const box = el('input', { type: 'checkbox', id, checked: '', 'data-liste': String(l), 'data-candidat': String(j) });
    return el('li', {}, box, ' ', el('label', { for: id }, `${c.prenom} ${c.nom}`));
  });
  const unions = list.syndicats ? ` (${list.syndicats})` : '';
  // the logo beside the name it belongs to (decorative: the name is said)
  const logo = list.logo ? [el('img', { class: 'logo', src: list.logo, alt: '' }), ' '] : [];
  const block = el('div', { class: 'liste' },
    el('p', {}, radio, ' ', el('label', { for: `choix-${l}` }, ...logo, el('strong', {}, list.nom), unions)));
  if (list.profession_de_foi) block.append(professionLink(list));
  block.append(el('p', { class: 'aide', id: `aide-${l}` }, 'Décochez un nom pour le rayer.'),
    el('ul', { class: 'candidats', 'aria-describedby': `aide-${l}` }, ...names));
  return block;
}

// The profession de foi opens beside the ballot, which stays as it is.
export function professionLink(list) {
  return el('p', { class: 'profession' }, el('a', { href: list.profession_de_foi, target: '_blank',
    rel: 'noopener', 'aria-label': `Profession de foi de ${list.nom} (PDF, nouvelle fenêtre)` },
  'Profession de foi (PDF)'));
}

// What the elector chose, with "every name struck" turned into blank.
function readChoice(page) {
  const picked = document.querySelector('input[name=choix]:checked');
  if (!picked) return null;
  if (picked.value === 'blanc') return { list: BLANK, kept: [], converted: false };
  if (picked.value === 'nul') return { list: NUL, kept: [], converted: false };
  const l = Number(picked.value);
  const kept = page.listes[l].candidats.map((_, j) => $(`c-${l}-${j}`).checked);
  if (!kept.some((k) => k)) return { list: BLANK, kept: [], converted: true };
  return { list: l, kept, converted: false };
}

function summary(page, choice) {
  const box = $('recapitulatif');
  box.replaceChildren();
  if (choice.list === BLANK) {
    if (choice.converted) {
      box.append(el('p', { class: 'avertissement' },
        'Vous avez rayé tous les candidats de la liste : votre vote sera compté comme un vote blanc.'));
    }
    box.append(el('p', { class: 'choix' }, 'Vote blanc'));
    return;
  }
  if (choice.list === NUL) {
    box.append(el('p', { class: 'choix' }, 'Vote nul'));
    return;
  }
  const list = page.listes[choice.list];
  box.append(el('p', { class: 'choix' }, `Liste choisie : ${list.nom}`));
  const kept = list.candidats.filter((_, j) => choice.kept[j]);
  const struck = list.candidats.filter((_, j) => !choice.kept[j]);
  box.append(el('p', {}, 'Candidats conservés :'),
    el('ul', {}, ...kept.map((c) => el('li', {}, `${c.prenom} ${c.nom}`))));
  if (struck.length > 0) {
    box.append(el('p', {}, 'Candidats rayés :'),
      el('ul', { class: 'rayes' }, ...struck.map((c) => el('li', {}, el('s', {}, `${c.prenom} ${c.nom}`)))));
  }
}

function show(step) {
  for (const id of ['etape-bulletin', 'etape-recapitulatif', 'etape-recepisse']) $(id).hidden = id !== step;
}

// The PDF is made by the server from this signed receipt (it checks the
// signature), then saved from a blob: no identifier in any URL or log.
async function downloadReceipt(r) {
  $('message').textContent = '';
  const res = await api.receiptPdf(r);
  if (res.status !== 200) {
    $('message').textContent = res.data.erreur ?? 'Téléchargement impossible, réessayez.';
    return;
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(res.blob);
  a.download = `accuse-reception-scrutin-${r.scrutin_id}.pdf`;
  document.body.append(a);
  a.click();
  a.remove();
}

async function mailReceipt(r) {
  const button = $('courriel');
  button.disabled = true;
  $('courriel-message').textContent = 'Demande en cours…';
  const res = await api.receiptMail(r);
  $('courriel-message').textContent =
    res.data.message ?? res.data.erreur ?? 'La demande n\'a pas abouti, réessayez.';
  if (res.status !== 200) button.disabled = false;
}

function showReceipt(data, page) {
  const r = data.recepisse;
  $('recepisse-message').textContent = data.message;
  $('r-scrutin').textContent = r.scrutin;
  $('r-horodatage').textContent = parisTime(r.horodatage);
  $('r-empreinte').textContent = r.empreinte.match(/.{1,8}/g).join(' ');
  $('r-signature').textContent = r.signature;
  // a shared kiosk keeps no file (R-VOTE-10): print only there
  $('telecharger').hidden = isKiosk();
  $('telecharger').onclick = () => downloadReceipt(r);
  // offered when the operation allows it and the elector has an address;
  // not on a shared kiosk (R-VOTE-10)
  const masked = page.courriel_recepisse;
  $('courriel').hidden = !masked || isKiosk();
  if (masked) $('courriel').textContent = `Recevoir l'accusé par courriel (${masked})`;
  $('courriel').onclick = () => mailReceipt(r);
  $('retour').href = kioskPath('/scrutins.html');
  $('lien-verifier').href = `/verifier.html?scrutin=${r.scrutin_id}&traceur=${r.empreinte}`;
  show('etape-recepisse');
  $('titre-recepisse').focus();
}

async function confirm(page, choice) {
  const button = $('confirmer');
  // R-VOTE-4: the password again, when the operation asks for it
  const again = page.ressaisie_mot_de_passe ? $('ressaisie').value : undefined;
  if (again !== undefined && again.trim() === '') {
    $('message').textContent = 'Saisissez à nouveau votre mot de passe pour confirmer votre vote.';
    $('ressaisie').focus();
    return;
  }
  $('message').textContent = '';
  button.disabled = true;
  $('modifier').disabled = true;
  $('progression').textContent = 'Chiffrement de votre bulletin…';
  try {
    const t0 = performance.now();
    const ballot = encryptBallot(page.forme, page.election, choice);
    document.body.dataset.chiffrementMs = String(Math.round(performance.now() - t0));
    $('progression').textContent = 'Dépôt dans l\'urne…';
    const r = await api.vote(page.id, ballot, again);
    if (r.status === 200) {
      showReceipt(r.data, page);
      return;
    }
    $('progression').textContent = '';
    $('message').textContent = r.data.erreur ?? 'Votre vote n\'a pas pu être enregistré.';
  } catch (e) {
    $('progression').textContent = '';
    $('message').textContent = 'Votre vote n\'a pas pu être préparé ; rechargez la page et recommencez.';
  }
  button.disabled = false;
  $('modifier').disabled = false;
}

export async function initVote() {
  const id = Number(new URLSearchParams(window.location.search).get('scrutin'));
  await api.session();
  const r = await api.ballot(id);
  if (r.status === 401) {
    window.location.assign(kioskPath('/connexion.html'));
    return;
  }
  if (r.status !== 200) {
    $('message').textContent = r.data.erreur ?? 'Ce bulletin n\'est pas disponible.';
    return;
  }
  const page = r.data;
  $('titre').textContent = `Bulletin de vote — ${page.titre}`;
  $('listes').replaceChildren(...shuffled(page.listes.length).map((l) => listBlock(page.listes[l], l)));
  $('bloc-nul').hidden = !page.forme.nul;
  $('bloc-ressaisie').hidden = !page.ressaisie_mot_de_passe;
  show('etape-bulletin');
  let choice = null;
  $('etape-bulletin').addEventListener('submit', (ev) => {
    ev.preventDefault();
    choice = readChoice(page);
    if (!choice) {
      $('message').textContent = 'Choisissez une liste ou le vote blanc.';
      return;
    }
    $('message').textContent = '';
    summary(page, choice);
    show('etape-recapitulatif');
    $('titre-recap').focus();
  });
  $('modifier').addEventListener('click', () => show('etape-bulletin'));
  $('confirmer').addEventListener('click', () => confirm(page, choice));
  $('imprimer').addEventListener('click', () => window.print());
}
