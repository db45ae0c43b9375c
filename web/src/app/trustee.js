// trustee.js: the key holder's page (depositaire.html, R-BUR-1, R-BUR-8):
// deal one's share, seal one's key, decrypt the totals partially, all from
// and to files, in the browser only (no request to the server). The
// cryptography and file formats are src/crypto/trustee.js (docs/protocol.md
// §8.2), the same as isoloir-trustee's.
import {
  assembleShare, deal, fileText, groupFingerprint, openKey, partialDecrypt, sealKey,
} from '../crypto/trustee.js';

const $ = (id) => document.getElementById(id);

function say(id, text, ok) {
  $(id).textContent = text;
  $(id).className = ok ? 'succes' : 'erreur';
}

// A download link per file (the browser asks where to save each one).
function offer(listId, files) {
  const ul = $(listId);
  for (const a of ul.querySelectorAll('a')) URL.revokeObjectURL(a.href);
  ul.replaceChildren();
  for (const [name, obj, what] of files) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([fileText(obj)], { type: 'application/json' }));
    a.download = name;
    a.textContent = name;
    const li = document.createElement('li');
    li.append(a, ` — ${what}`);
    ul.append(li);
  }
}

function int(id, min, max) {
  const v = $(id).value.trim();
  return /^[0-9]{1,2}$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : null;
}

// The ceremony's fingerprint: the election's, or with "president
// required" its group's (docs/protocol.md §8.1), as `isoloir-trustee
// group` prints it.
function fingerprint(id, groupId) {
  const f = $(id).value.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(f)) return null;
  return $(groupId).value ? groupFingerprint(f, $(groupId).value) : f;
}

async function readJson(file) {
  try {
    return JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} : fichier illisible ou tronqué`);
  }
}

function onDeal(ev) {
  ev.preventDefault();
  const election = fingerprint('d-empreinte', 'd-groupe');
  const holders = int('d-nombre', 1, 16);
  const threshold = int('d-seuil', 1, 16);
  const holder = int('d-numero', 1, 16);
  if (!election) return say('d-resultat', "L'empreinte compte 64 chiffres et lettres de a à f.");
  if (!holders || !threshold || threshold > holders) return say('d-resultat', 'Le seuil doit être compris entre 1 et le nombre de dépositaires (16 au plus).');
  if (!holder || holder > holders) return say('d-resultat', `Votre numéro doit être compris entre 1 et ${holders}.`);
  const d = deal({ election, holder, threshold, holders });
  offer('d-fichiers', [
    [`deal-${holder}.json`, d.deal, 'public : à déposer avec ceux des autres'],
    ...d.shares.map((s) => [`share-${holder}-for-${s.to}.json`, s,
      s.to === holder ? 'secret : la vôtre, à garder' : `secret : à remettre en main propre au dépositaire ${s.to}`]),
  ]);
  const group = $('d-groupe').value ? ` (cérémonie du groupe, empreinte ${election})` : '';
  say('d-resultat', `Part ${holder} distribuée${group} : enregistrez chaque fichier ci-dessous. Les parts sont secrètes : `
    + 'chacune va à son destinataire seul (enveloppe scellée, clé USB personnelle).', true);
  return undefined;
}

async function onSeal(ev) {
  ev.preventDefault();
  const election = fingerprint('k-empreinte', 'k-groupe');
  const holder = int('k-numero', 1, 16);
  const pass = $('k-phrase').value;
  if (!election) return say('k-resultat', "L'empreinte compte 64 chiffres et lettres de a à f.");
  if (!holder) return say('k-resultat', 'Indiquez votre numéro de dépositaire.');
  if (pass !== $('k-phrase2').value) return say('k-resultat', 'Les deux phrases secrètes diffèrent.');
  say('k-resultat', 'Vérification des parts et scellement (quelques secondes)…', true);
  try {
    const files = await Promise.all([...$('k-fichiers').files].map(readJson));
    const deals = files.filter((f) => Array.isArray(f?.commitments));
    const shares = files.filter((f) => f?.share !== undefined);
    const first = deals.find((d) => d.holder === 1);
    if (!first) throw new Error('distribution du dépositaire 1 (deal-1.json) absente');
    const params = { election, threshold: first.threshold, holders: first.holders };
    const byHolder = (list, key) => Array.from({ length: params.holders }, (_, i) => list.find((x) => x[key] === i + 1) ?? null);
    const share = assembleShare(params, holder, byHolder(deals, 'holder'), byHolder(shares.filter((s) => s.to === holder), 'from'));
    const kf = await sealKey({ ...params, holder, share }, pass);
    offer('k-fichiers-sortie', [[`key-${holder}.json`, kf, 'votre clé scellée, à garder']]);
    say('k-resultat', `Clé du dépositaire ${holder} scellée : enregistrez-la, puis détruisez les fichiers share-*-for-${holder}.json.`, true);
  } catch (err) {
    say('k-resultat', `Impossible de sceller la clé : ${err.message}.`);
  }
  return undefined;
}

async function onDecrypt(ev) {
  ev.preventDefault();
  const [keyFile] = $('p-cle').files;
  const [totalsFile] = $('p-totaux').files;
  if (!keyFile || !totalsFile) return say('p-resultat', 'Choisissez votre fichier de clé et le fichier des totaux.');
  say('p-resultat', 'Ouverture de la clé et déchiffrement (quelques secondes)…', true);
  try {
    const key = await openKey(await readJson(keyFile), $('p-phrase').value);
    const group = $('p-groupe').value || undefined;
    const partial = partialDecrypt(key, await readJson(totalsFile), group);
    offer('p-fichiers', [[`partial-${key.holder}.json`, partial, 'public : à remettre au bureau']]);
    say('p-resultat', `Déchiffrement partiel du dépositaire ${key.holder} prêt : enregistrez-le et remettez-le au bureau.`, true);
  } catch (err) {
    say('p-resultat', `Impossible de déchiffrer : ${err.message}.`);
  }
  return undefined;
}

export function initTrustee() {
  $('form-distribuer').addEventListener('submit', onDeal);
  $('form-sceller').addEventListener('submit', onSeal);
  $('form-dechiffrer').addEventListener('submit', onDecrypt);
}
