// main.js: entry point of the browser bundle. Each page names itself with
// <body data-page="...">; nothing runs inline (CSP script-src 'self').
import { initHome } from './app/home.js';
import { initLogin } from './app/login.js';
import { initRecover } from './app/recover.js';
import { initScrutins } from './app/scrutins.js';
import { initVote } from './app/vote.js';
import { initLists, initOwnData } from './app/info.js';
import { initVerify } from './app/verify.js';
import { initObserver } from './app/observer.js';
import { initTrustee } from './app/trustee.js';
import { kioskIdle, kioskLinks } from './app/kiosk.js';

const pages = { accueil: initHome, connexion: initLogin, scrutins: initScrutins, vote: initVote,
  listes: initLists, donnees: initOwnData, verifier: initVerify, observation: initObserver, depositaire: initTrustee,
  'mot-de-passe': initRecover };

document.documentElement.classList.add('js');
kioskLinks();
if (document.body?.dataset.page !== 'accueil') kioskIdle();
const init = pages[document.body?.dataset.page];
if (init) init();
