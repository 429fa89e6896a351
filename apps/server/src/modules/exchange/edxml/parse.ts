import type { Element } from '@xmldom/xmldom';
import { isLegacyCode, isQd20Code } from '../../directory/index.js';
import type {
  EdxmlDocumentHeader,
  EdxmlDocumentRef,
  EdxmlOrgan,
  EdxmlStaffInfo,
  EdxmlStatusCode,
} from '../exchange-contract.js';
import { fromEdxmlDate, fromEdxmlTimestamp } from './dates.js';
import {
  BUSINESS_TYPES,
  type DocumentPackage,
  type EdxmlPackage,
  type EdxmlTrace,
  type PackageAttachment,
  STATUS_CODES,
  type StatusPackage,
} from './model.js';
import { child, children, DSIG_NS, EDXML_NS, parseXml, parseXmlBytes, text, XmlRefused } from './xml.js';

/** One thing wrong with a package; `path` names the element (`MessageHeader/From/OrganId`). */
export interface PackageIssue {
  path: string;
  code: string;
  message: string;
}

export interface ReadOptions {
  /** Refuse documents longer than this many characters (the attachments are most of it). */
  maxChars: number;
  /** Refuse any single attachment larger than this many decoded bytes. */
  maxAttachmentBytes: number;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { maxChars: 40 * 1024 * 1024, maxAttachmentBytes: 25 * 1024 * 1024 };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** An organ id as the national exchange accepts it. */
export const ORGAN_ID = /^[0-9A-Z.]{1,35}$/;

/**
 * The common case first: unwrapped base64 within the size limit that encodes back to itself, which
 * passes every check in `attachments` (no whitespace, length, alphabet, padding, size) and decodes
 * to the same bytes: one native decode and encode instead of three scans with regular expressions.
 * Null sends the text through those checks.
 */
function exactBase64(text: string, maxBytes: number): Buffer | null {
  if (text.length === 0 || text.length % 4 !== 0 || (text.length / 4) * 3 > maxBytes + 2) return null;
  const data = Buffer.from(text, 'base64');
  return data.toString('base64') === text ? data : null;
}

/** Reads elements and records what is missing or malformed instead of stopping at the first problem. */
class Reader {
  readonly issues: PackageIssue[] = [];
  issue(path: string, code: string, message: string) {
    this.issues.push({ path, code, message });
  }
  req(el: Element | null, name: string, path: string): string {
    const v = el ? text(child(el, name)) : undefined;
    if (v === undefined) this.issue(`${path}/${name}`, 'MISSING_ELEMENT', `${path}/${name} is required.`);
    return v ?? '';
  }
  opt(el: Element | null, name: string): string | undefined {
    return el ? text(child(el, name)) : undefined;
  }
  el(parent: Element | null, name: string, path: string): Element | null {
    const e = parent ? child(parent, name) : null;
    if (!e) this.issue(`${path}/${name}`, 'MISSING_ELEMENT', `${path}/${name} is required.`);
    return e;
  }
  /**
   * Tolerant reading: any identifier of the national exchange's form (`^[0-9A-Z.]{1,35}$`: real
   * packages carry `28.22.H17`, `14.00.W00`, `01.02.G22`), not only the two forms this platform writes.
   */
  organId(v: string, path: string) {
    if (v && !ORGAN_ID.test(v) && !isLegacyCode(v) && !isQd20Code(v))
      this.issue(path, 'INVALID_ORGAN_ID', `${v.slice(0, 40)} is not an agency identifier code ([0-9A-Z.], 1 to 35).`);
    return v;
  }
  date(v: string | undefined, path: string): string {
    if (v === undefined) return '';
    const iso = fromEdxmlDate(v);
    if (!iso) this.issue(path, 'INVALID_DATE', `${path} must be a date written yyyy/MM/dd, not "${v.slice(0, 40)}".`);
    return iso ?? '';
  }
  timestamp(v: string | undefined, path: string): Date {
    const d = v === undefined ? null : fromEdxmlTimestamp(v);
    if (v !== undefined && !d)
      this.issue(path, 'INVALID_TIMESTAMP', `${path} must be written yyyy/MM/dd HH:mm:ss, not "${v.slice(0, 40)}".`);
    return d ?? new Date(0);
  }
  int(v: string | undefined, path: string, allowed?: readonly number[]): number | undefined {
    if (v === undefined) return undefined;
    const n = /^-?\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isNaN(n) || (allowed && !allowed.includes(n))) {
      this.issue(
        path,
        'INVALID_NUMBER',
        `${path} must be ${allowed ? `one of ${allowed.join(', ')}` : 'a whole number'}, not "${v.slice(0, 40)}".`,
      );
      return undefined;
    }
    return n;
  }
  organ(el: Element | null, path: string): EdxmlOrgan {
    return {
      organId: this.organId(this.req(el, 'OrganId', path), `${path}/OrganId`),
      organName: this.req(el, 'OrganName', path),
      organizationInCharge: this.opt(el, 'OrganizationInCharge'),
      organAdd: this.opt(el, 'OrganAdd'),
      email: this.opt(el, 'Email'),
      telephone: this.opt(el, 'Telephone'),
      fax: this.opt(el, 'Fax'),
      website: this.opt(el, 'Website'),
    };
  }
  staff(el: Element | null): EdxmlStaffInfo | undefined {
    const s = el ? child(el, 'StaffInfo') : null;
    if (!s) return undefined;
    return {
      department: this.opt(s, 'Department'),
      staff: this.opt(s, 'Staff'),
      mobile: this.opt(s, 'Mobile'),
      email: this.opt(s, 'Email'),
    };
  }
  ref(el: Element | null, path: string): EdxmlDocumentRef {
    return {
      organId: this.organId(this.req(el, 'OrganId', path), `${path}/OrganId`),
      code: this.req(el, 'Code', path),
      promulgationDate: this.date(this.req(el, 'PromulgationDate', path) || undefined, `${path}/PromulgationDate`),
      documentId: this.req(el, 'DocumentId', path),
    };
  }
  traces(header: Element): EdxmlTrace[] {
    const list = child(header, 'TraceHeaderList');
    if (!list) return [];
    return children(list, 'TraceHeader').map((t, i) => {
      const p = `TraceHeaderList/TraceHeader[${i + 1}]`;
      return {
        organId: this.organId(this.req(t, 'OrganId', p), `${p}/OrganId`),
        timestamp: this.timestamp(this.req(t, 'Timestamp', p) || undefined, `${p}/Timestamp`),
      };
    });
  }
}

function documentHeader(r: Reader, mh: Element): EdxmlDocumentHeader {
  const P = 'MessageHeader';
  const code = r.el(mh, 'Code', P);
  const pi = r.el(mh, 'PromulgationInfo', P);
  const dt = r.el(mh, 'DocumentType', P);
  const si = r.el(mh, 'SignerInfo', P);
  const oi = child(mh, 'OtherInfo');
  const due = r.opt(mh, 'DueDate');
  const appendixes = oi ? child(oi, 'Appendixes') : null;
  const amount = (n: string) => r.int(r.opt(oi, n), `${P}/OtherInfo/${n}`);
  return {
    codeNumber: r.req(code, 'CodeNumber', `${P}/Code`),
    codeNotation: r.req(code, 'CodeNotation', `${P}/Code`),
    promulgation: {
      place: r.req(pi, 'Place', `${P}/PromulgationInfo`),
      date: r.date(
        r.req(pi, 'PromulgationDate', `${P}/PromulgationInfo`) || undefined,
        `${P}/PromulgationInfo/PromulgationDate`,
      ),
    },
    documentType: {
      type: r.int(r.req(dt, 'Type', `${P}/DocumentType`) || undefined, `${P}/DocumentType/Type`) ?? 0,
      typeDetail: r.int(r.opt(dt, 'TypeDetail'), `${P}/DocumentType/TypeDetail`) ?? 0,
      typeName: r.req(dt, 'TypeName', `${P}/DocumentType`),
    },
    subject: r.req(mh, 'Subject', P),
    content: r.opt(mh, 'Content'),
    signerInfo: {
      competence: r.opt(si, 'Competence'),
      position: r.req(si, 'Position', `${P}/SignerInfo`),
      fullName: r.req(si, 'FullName', `${P}/SignerInfo`),
    },
    dueDate: due === undefined ? undefined : r.date(due, `${P}/DueDate`),
    toPlaces: (() => {
      const tp = child(mh, 'ToPlaces');
      return tp
        ? children(tp, 'Place')
            .map((p) => text(p) ?? '')
            .filter(Boolean)
        : [];
    })(),
    otherInfo: {
      priority: (r.int(r.opt(oi, 'Priority'), `${P}/OtherInfo/Priority`, [0, 1, 2, 3, 4]) ?? 0) as 0 | 1 | 2 | 3 | 4,
      sphereOfPromulgation: r.opt(oi, 'SphereOfPromulgation'),
      typerNotation: r.opt(oi, 'TyperNotation'),
      promulgationAmount: amount('PromulgationAmount'),
      pageAmount: amount('PageAmount'),
      direction: r.opt(oi, 'Direction'),
      appendixes: appendixes ? children(appendixes, 'Appendix').map((a) => text(a) ?? '') : undefined,
    },
    responseFor: (() => {
      // An empty ResponseFor (every child empty, as real senders write "no reply to anything") is left out.
      const refs = children(mh, 'ResponseFor')
        .map((e, i) => [e, i] as const)
        .filter(([e]) => text(e) !== undefined);
      return refs.length ? refs.map(([e, i]) => r.ref(e, `${P}/ResponseFor[${i + 1}]`)) : undefined;
    })(),
    steeringType: r.int(r.opt(mh, 'SteeringType'), `${P}/SteeringType`),
  };
}

function attachments(r: Reader, root: Element, envelope: Element, o: ReadOptions): PackageAttachment[] {
  const manifest = child(envelope, 'edXMLBody') ? child(child(envelope, 'edXMLBody')!, 'edXMLManifest') : null;
  const refs = manifest ? children(manifest, 'Reference') : [];
  const encoded = child(root, 'AttachmentEncoded');
  const atts = encoded ? children(encoded, 'Attachment') : [];
  const byCid = new Map<string, Element>();
  atts.forEach((a, i) => {
    const cid = r.req(a, 'ContentId', `AttachmentEncoded/Attachment[${i + 1}]`);
    if (byCid.has(cid))
      r.issue(
        `AttachmentEncoded/Attachment[${i + 1}]/ContentId`,
        'ATTACHMENT_CID_DUPLICATE',
        `Two attachments share ${cid}.`,
      );
    byCid.set(cid, a);
  });
  const out: PackageAttachment[] = [];
  refs.forEach((ref, i) => {
    const p = `edXMLManifest/Reference[${i + 1}]`;
    const cid = r.req(ref, 'ContentId', p);
    const att = byCid.get(cid);
    byCid.delete(cid);
    if (!att) {
      if (cid)
        r.issue(`${p}/ContentId`, 'ATTACHMENT_CID_MISMATCH', `The manifest lists ${cid} but no attachment carries it.`);
      return;
    }
    const name = r.req(ref, 'AttachmentName', p);
    const attName = text(child(att, 'AttachmentName'));
    if (attName !== undefined && attName !== name)
      r.issue(
        `${p}/AttachmentName`,
        'ATTACHMENT_NAME_MISMATCH',
        `The manifest names ${cid} "${name}", the attachment "${attName}".`,
      );
    const raw = child(att, 'ContentTransferEncoded')?.textContent ?? '';
    let data = exactBase64(raw, o.maxAttachmentBytes);
    if (!data) {
      data = Buffer.alloc(0);
      const b64 = raw.replace(/\s+/g, '');
      if (!b64)
        r.issue(
          `AttachmentEncoded/Attachment[${cid}]/ContentTransferEncoded`,
          'MISSING_ELEMENT',
          `The attachment ${cid} has no content.`,
        );
      else if (b64.length % 4 !== 0 || !BASE64.test(b64))
        r.issue(
          `AttachmentEncoded/Attachment[${cid}]/ContentTransferEncoded`,
          'ATTACHMENT_NOT_BASE64',
          `The attachment ${cid} is not valid base64.`,
        );
      else if ((b64.length / 4) * 3 > o.maxAttachmentBytes + 2)
        r.issue(
          `AttachmentEncoded/Attachment[${cid}]`,
          'ATTACHMENT_TOO_LARGE',
          `The attachment ${cid} is larger than ${o.maxAttachmentBytes} bytes.`,
        );
      else data = Buffer.from(b64, 'base64');
    }
    out.push({
      contentId: cid,
      name,
      // Real manifests leave ContentType out: the attachment's own, else a neutral type.
      mediaType: r.opt(ref, 'ContentType') ?? text(child(att, 'ContentType')) ?? 'application/octet-stream',
      description: r.opt(ref, 'Description'),
      data,
    });
  });
  for (const cid of byCid.keys())
    r.issue('AttachmentEncoded', 'ATTACHMENT_CID_MISMATCH', `The attachment ${cid} is not listed in the manifest.`);
  return out;
}

function readDocument(
  r: Reader,
  root: Element,
  envelope: Element,
  header: Element,
  mh: Element,
  o: ReadOptions,
): DocumentPackage {
  const P = 'MessageHeader';
  const from = r.organ(r.el(mh, 'From', P), `${P}/From`);
  const toEls = children(mh, 'To');
  if (toEls.length === 0) r.issue(`${P}/To`, 'MISSING_ELEMENT', 'At least one recipient (To) is required.');
  const to = toEls.map((e, i) => r.organ(e, `${P}/To[${i + 1}]`));
  const documentId = r.req(mh, 'DocumentId', P);
  const h = documentHeader(r, mh);
  // Tolerated: no TraceHeaderList, no Bussiness (a new document), no Bussiness/DocumentId (the header's).
  const list = child(header, 'TraceHeaderList');
  const b = list ? child(list, 'Bussiness') : null;
  const B = 'TraceHeaderList/Bussiness';
  const typeNo = b ? r.int(r.req(b, 'BussinessDocType', B) || undefined, `${B}/BussinessDocType`, [0, 1, 2, 3]) : 0;
  const paper = r.int(r.opt(b, 'Paper'), `${B}/Paper`, [0, 1]);
  const rl = b ? child(b, 'ReplacementInfoList') : null;
  const replacements = (rl ? children(rl, 'ReplacementInfo') : b ? children(b, 'ReplacementInfo') : []).map((ri, i) => {
    const ol = child(ri, 'OrganIdList');
    const p = `${B}/ReplacementInfoList/ReplacementInfo[${i + 1}]`;
    return {
      documentId: r.req(ri, 'DocumentId', p),
      organIds: ol
        ? children(ol, 'OrganId').map((e, j) => r.organId(text(e) ?? '', `${p}/OrganIdList/OrganId[${j + 1}]`))
        : [],
    };
  });
  const bdi = b ? child(b, 'BussinessDocumentInfo') : null;
  const D = `${B}/BussinessDocumentInfo`;
  const receiverList = bdi ? child(bdi, 'ReceiverList') : null;
  const documentInfo = bdi
    ? {
        documentInfo: r.int(r.opt(bdi, 'DocumentInfo'), `${D}/DocumentInfo`),
        documentReceiver: r.int(r.opt(bdi, 'DocumentReceiver'), `${D}/DocumentReceiver`),
        receivers: (receiverList ? children(receiverList, 'Receiver') : []).map((e, i) => ({
          organId: r.organId(
            r.req(e, 'OrganId', `${D}/ReceiverList/Receiver[${i + 1}]`),
            `${D}/ReceiverList/Receiver[${i + 1}]/OrganId`,
          ),
          receiverType: r.int(r.opt(e, 'ReceiverType'), `${D}/ReceiverList/Receiver[${i + 1}]/ReceiverType`),
        })),
      }
    : undefined;
  return {
    kind: 'document',
    from,
    to,
    documentId,
    header: h,
    business: {
      documentId: r.opt(b, 'DocumentId') ?? documentId,
      type: BUSINESS_TYPES[typeNo ?? 0]!,
      reason: r.opt(b, 'BussinessDocReason'),
      paper: paper === 1,
      staff: r.staff(b),
      replacement: replacements[0],
      ...(replacements.length > 1 ? { replacements } : {}),
      ...(documentInfo ? { documentInfo } : {}),
    },
    traces: r.traces(header),
    attachments: attachments(r, root, envelope, o),
  };
}

/** A status notification: `st` is the MessageHeader (the national exchange's form) or our former `Status`. */
function readStatus(r: Reader, header: Element, st: Element): StatusPackage {
  const P = st.localName ?? 'MessageHeader';
  const code = r.req(st, 'StatusCode', P);
  if (code && !STATUS_CODES.includes(code as EdxmlStatusCode))
    r.issue(
      `${P}/StatusCode`,
      'INVALID_STATUS_CODE',
      `Status code ${code.slice(0, 10)} is not one of ${STATUS_CODES.join(', ')}.`,
    );
  return {
    kind: 'status',
    responseFor: r.ref(r.el(st, 'ResponseFor', P), `${P}/ResponseFor`),
    from: r.organ(r.el(st, 'From', P), `${P}/From`),
    statusCode: code as EdxmlStatusCode,
    description: r.opt(st, 'Description'),
    timestamp: r.timestamp(r.req(st, 'Timestamp', P) || undefined, `${P}/Timestamp`),
    staff: r.staff(st),
    traces: r.traces(header),
  };
}

export interface ReadResult {
  package: EdxmlPackage | null;
  issues: PackageIssue[];
  /** The package has an XML-DSig `Signature` in its header. */
  signed: boolean;
  /** The parsed document, when it parsed (the seal is verified on it rather than parsing again). */
  doc?: ReturnType<typeof parseXml>;
}

/**
 * Parse and validate an edXML package (vn-standards §1.2–§1.5); every problem found is reported.
 * Bytes (UTF-8, as received) parse faster than the same package as a string.
 */
export function readPackage(xml: string | Uint8Array, o: ReadOptions = DEFAULT_READ_OPTIONS): ReadResult {
  let doc;
  try {
    doc = typeof xml === 'string' ? parseXml(xml, o.maxChars) : parseXmlBytes(xml, o.maxChars);
  } catch (e) {
    if (e instanceof XmlRefused)
      return { package: null, issues: [{ path: '/', code: e.code, message: e.message }], signed: false };
    throw e;
  }
  const r = new Reader();
  const top = doc.documentElement!;
  if (top.namespaceURI !== EDXML_NS) {
    return {
      package: null,
      issues: [{ path: '/', code: 'WRONG_NAMESPACE', message: `The root element must be in ${EDXML_NS}.` }],
      signed: false,
    };
  }
  // Samples wrap the envelope and the attachments in a root `edXML`; a bare envelope is accepted too.
  const envelope = top.localName === 'edXMLEnvelope' ? top : child(top, 'edXMLEnvelope');
  const header = envelope ? child(envelope, 'edXMLHeader') : null;
  if (!envelope || !header) {
    return {
      package: null,
      issues: [
        {
          path: 'edXMLEnvelope/edXMLHeader',
          code: 'MISSING_ELEMENT',
          message: 'edXMLEnvelope/edXMLHeader is required.',
        },
      ],
      signed: false,
    };
  }
  // XML-DSig's namespace, or the QCVN one (real packages inherit the default namespace).
  const signed = children(header, 'Signature', DSIG_NS).length + children(header, 'Signature').length > 0;
  const header0 = child(header, 'MessageHeader');
  // A status notification is a MessageHeader with a StatusCode (the national exchange's form), or
  // the `Status` element this platform wrote before (still read).
  const isStatus = !!header0 && !!child(header0, 'StatusCode') && !child(header0, 'Code');
  const mh = isStatus ? null : header0;
  const st = isStatus ? header0 : child(header, 'Status');
  if (!mh && !st) {
    r.issue(
      'edXMLHeader/MessageHeader',
      'MISSING_ELEMENT',
      'The header needs a MessageHeader (document) or a Status (status notification).',
    );
    return { package: null, issues: r.issues, signed };
  }
  const pkg = mh ? readDocument(r, top, envelope, header, mh, o) : readStatus(r, header, st!);
  return { package: r.issues.length ? null : pkg, issues: r.issues, signed, doc };
}
