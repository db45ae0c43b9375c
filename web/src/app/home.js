// home.js: the home page shows the operation, its dates in Europe/Paris
// time (whatever the device's time zone) and its state in plain words.
import * as api from './api.js';

const paris = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long',
  year: 'numeric', hour: '2-digit', minute: '2-digit',
});

export function parisTime(iso) {
  return paris.format(new Date(iso)).replace(':', ' h ');
}

export async function initHome() {
  const r = await api.operation();
  if (r.status !== 200) return; // the static text stands alone
  const o = r.data;
  document.getElementById('operation-titre').textContent = o.nom;
  document.getElementById('operation-dates').textContent =
    `Vote ouvert du ${parisTime(o.ouverture)} au ${parisTime(o.cloture)} (heure de Paris).`;
  document.getElementById('operation-etat').textContent = o.etat;
  document.getElementById('operation-assistance').textContent =
    `Assistance téléphonique : ${o.assistance}.`;
  document.getElementById('operation').hidden = false;
}
