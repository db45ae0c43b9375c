// verify.js: the public check of a receipt's tracker against the published
// bulletin board of its scrutin (R-VOTE-6, R-BUR-8): GET /tableau/N/<tracker>.
const $ = (id) => document.getElementById(id);

// "1a2b 3c4d …" typed from a printed receipt: spaces dropped, lower case.
export function normalTracker(s) {
  const t = s.replace(/\s+/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(t) ? t : null;
}

async function check(ev) {
  ev.preventDefault();
  const scrutin = $('scrutin').value.trim();
  const tracker = normalTracker($('traceur').value);
  const out = $('resultat');
  out.className = '';
  if (!/^[1-9][0-9]{0,6}$/.test(scrutin)) {
    out.textContent = 'Indiquez le numéro du scrutin (il figure sur votre accusé de réception).';
    out.className = 'erreur';
    return;
  }
  if (!tracker) {
    out.textContent = 'L\'empreinte compte 64 chiffres et lettres de a à f : vérifiez votre saisie.';
    out.className = 'erreur';
    return;
  }
  $('lien-tableau').href = `/tableau/${scrutin}.json`;
  $('lien-tableau').hidden = false;
  out.textContent = 'Recherche dans l\'urne publiée…';
  try {
    const resp = await fetch(`/tableau/${scrutin}/${tracker}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const data = await resp.json().catch(() => ({}));
    if (resp.status === 200 && data.present === true) {
      out.textContent = `Votre bulletin figure dans l'urne publiée du scrutin n° ${scrutin} : il a été compté.`;
      out.className = 'succes';
    } else if (resp.status === 200) {
      out.textContent = 'Cette empreinte ne figure pas dans l\'urne publiée de ce scrutin. Vérifiez votre '
        + 'saisie ; si l\'écart persiste, signalez-le au bureau de vote avec votre accusé de réception.';
      out.className = 'erreur';
    } else {
      out.textContent = data.erreur ?? 'Vérification impossible pour le moment, réessayez plus tard.';
      out.className = 'erreur';
    }
  } catch {
    out.textContent = 'Vérification impossible pour le moment, réessayez plus tard.';
    out.className = 'erreur';
  }
}

export function initVerify() {
  const q = new URLSearchParams(window.location.search);
  if (q.get('scrutin')) $('scrutin').value = q.get('scrutin');
  if (q.get('traceur')) $('traceur').value = q.get('traceur');
  $('formulaire-verification').addEventListener('submit', check);
}
