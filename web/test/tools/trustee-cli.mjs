// trustee-cli.mjs: the browser's key-holder code (src/crypto/trustee.js)
// driven from the command line with the arguments and files of the C tool
// isoloir-trustee, so that a test can run a ceremony where some holders
// use the JavaScript and the others the C (tests/component/js-trustee.sh).
//   deal    --election FP --holder X --threshold K --holders N --dir DIR
//   key     --election FP --holder Y --dir DIR --passphrase-file F --out KEY
//   decrypt --key KEY --passphrase-file F --totals T --out PARTIAL [--group G]
//   verify  --public PUBLIC --totals T --partial PARTIAL
// Exit 0, or 1 with the reason on stderr (in French, as the C tool).
import '../node-crypto.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assembleShare, deal, fileText, groupFingerprint, openKey, partialDecrypt, sealKey, verifyPartial,
} from '../../src/crypto/trustee.js';

function args(argv) {
  const a = {};
  for (let i = 0; i + 1 < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error(`option inconnue « ${argv[i]} »`);
    a[argv[i].slice(2)] = argv[i + 1];
  }
  return a;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
// as the C tool: the first line, without its end
const readPass = (path) => readFileSync(path, 'utf8').split(/[\r\n]/)[0];
const write = (path, obj, secret) => writeFileSync(path, fileText(obj), { mode: secret ? 0o600 : 0o644 });

async function main([cmd, ...rest]) {
  const a = args(rest);
  if (cmd === 'deal') {
    const p = { election: a.election, holder: Number(a.holder), threshold: Number(a.threshold), holders: Number(a.holders) };
    const d = deal(p);
    write(join(a.dir, `deal-${p.holder}.json`), d.deal, false);
    for (const s of d.shares) write(join(a.dir, `share-${p.holder}-for-${s.to}.json`), s, true);
    console.log(`part ${p.holder} distribuée : ${a.dir}/deal-${p.holder}.json (public) et ${p.holders} fichiers de parts à remettre en main propre`);
  } else if (cmd === 'key') {
    const first = readJson(join(a.dir, 'deal-1.json'));
    const p = { election: a.election, threshold: first.threshold, holders: first.holders };
    const holder = Number(a.holder);
    const deals = [];
    const shares = [];
    for (let x = 1; x <= p.holders; x++) {
      deals.push(readJson(join(a.dir, `deal-${x}.json`)));
      let sh = null;
      try {
        sh = readJson(join(a.dir, `share-${x}-for-${holder}.json`));
      } catch { /* reported as absent */ }
      shares.push(sh);
    }
    const share = assembleShare(p, holder, deals, shares);
    write(a.out, await sealKey({ ...p, holder, share }, readPass(a['passphrase-file'])), true);
    console.log(`clé du détenteur ${holder} scellée dans ${a.out}`);
  } else if (cmd === 'decrypt') {
    const key = await openKey(readJson(a.key), readPass(a['passphrase-file']));
    write(a.out, partialDecrypt(key, readJson(a.totals), a.group), false);
    console.log(`déchiffrement partiel du détenteur ${key.holder} : ${a.out}`);
  } else if (cmd === 'verify') {
    const pub = readJson(a.public);
    const part = readJson(a.partial);
    const g = part.group === undefined ? pub : (pub.groups ?? []).find((x) => x.group === part.group);
    if (g === undefined) throw new Error(`groupe « ${part.group} » absent de la clé publique`);
    const election = part.group === undefined ? pub.election : groupFingerprint(pub.election, part.group);
    if (g.election !== election) throw new Error("la clé publique n'est pas celle de cette élection");
    const vk = g.verification_keys?.[part.holder - 1];
    if (vk === undefined) throw new Error(`détenteur ${part.holder} inconnu`);
    verifyPartial(election, vk, readJson(a.totals), part);
    console.log(`OK détenteur ${part.holder}`);
  } else {
    throw new Error(`commande inconnue « ${cmd} »`);
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`isoloir-trustee (js) : ${err.message}\n`);
  process.exit(1);
});
