// ESLint rule: the module boundaries (docs/architecture.md, "Rules of the house" 1–2, and "The module shape").
//  - a module imports another module only through its index.ts;
//  - platform/ never imports a module (it has no domain rules);
//  - the web app never imports server code;
//  - a web page (routes/<area>/<page>/) imports features/, app/, i18n/ and its own folder, never another
//    page's folder (what two pages share belongs in features/); features/ never import a page;
//  - a module made of halves (signatures: pki/ and signing/) crosses between them only through the other
//    half's index.ts, and only in the direction HALVES allows (signing asks the PKI, never the reverse).
import path from 'node:path';

const SERVER = `${path.sep}apps${path.sep}server${path.sep}src${path.sep}`;
const WEB = `${path.sep}apps${path.sep}web${path.sep}`;
const WEB_SRC = `${WEB}src${path.sep}`;
/** Modules made of halves: each half → the halves it may import (through their index.ts). */
const HALVES = { signatures: { pki: [], signing: ['pki'] } };
/** What a page may import besides its own folder. */
const PAGE_MAY_IMPORT = new Set(['features', 'app', 'i18n']);

function where(file) {
  const i = file.indexOf(SERVER);
  if (i < 0) {
    const w = file.indexOf(WEB_SRC);
    if (w >= 0) {
      const rest = file.slice(w + WEB_SRC.length).split(path.sep);
      return { area: 'web', part: rest[0], page: rest[0] === 'routes' ? rest.slice(1, 3).join('/') : undefined };
    }
    return file.includes(WEB) ? { area: 'web' } : { area: 'other' };
  }
  const rest = file.slice(i + SERVER.length).split(path.sep);
  if (rest[0] === 'modules') return { area: 'module', module: rest[1], rest: rest.slice(2) };
  return { area: rest[0] };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce module boundaries' },
    messages: {
      deep: "Import module '{{target}}' through its index.ts, not '{{spec}}'.",
      platform: "platform/ must not import a module ('{{spec}}').",
      web: "The web app must not import server code ('{{spec}}').",
      page: "A page imports features/, app/, i18n/ and its own folder, not '{{spec}}': move what pages share into features/.",
      feature: "features/ must not import a page ('{{spec}}').",
      half: "'{{from}}/' must not import '{{to}}/' ('{{spec}}'): the halves of a module depend one way.",
      halfDeep: "Import '{{to}}/' through its index.ts, not '{{spec}}'.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = where(file);
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = where(path.resolve(path.dirname(file), spec));
      if (from.area === 'web' && target.area !== 'web' && target.area !== 'other') {
        context.report({ node, messageId: 'web', data: { spec } });
      }
      if (from.area === 'web' && target.area === 'web' && target.part) {
        if (from.page && target.page !== from.page && !PAGE_MAY_IMPORT.has(target.part)) {
          context.report({ node, messageId: 'page', data: { spec } });
        }
        if (from.part === 'features' && target.part === 'routes') {
          context.report({ node, messageId: 'feature', data: { spec } });
        }
      }
      if (target.area !== 'module') return;
      if (from.area === 'platform') context.report({ node, messageId: 'platform', data: { spec } });
      const halves = from.area === 'module' && from.module === target.module ? HALVES[from.module] : undefined;
      if (halves) {
        const [fromHalf, toHalf] = [from.rest[0], target.rest[0]];
        if (fromHalf in halves && toHalf in halves && fromHalf !== toHalf) {
          if (!halves[fromHalf].includes(toHalf)) {
            context.report({ node, messageId: 'half', data: { spec, from: fromHalf, to: toHalf } });
          } else if (!(target.rest.length === 2 && /^index(\.(js|ts))?$/.test(target.rest[1]))) {
            context.report({ node, messageId: 'halfDeep', data: { spec, to: toHalf } });
          }
        }
      }
      if (from.area === 'module' && from.module !== target.module) {
        const isIndex = target.rest.length === 1 && /^index(\.(js|ts))?$/.test(target.rest[0]);
        if (!isIndex) context.report({ node, messageId: 'deep', data: { spec, target: target.module } });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
