import type { Element } from '@xmldom/xmldom';
import type { EdxmlDocumentRef, EdxmlOrgan, EdxmlStaffInfo } from '../exchange-contract.js';
import { toEdxmlDate, toEdxmlTimestamp } from './dates.js';
import { BUSINESS_TYPES, type DocumentPackage, type EdxmlTrace, type StatusPackage } from './model.js';
import { EdxmlWriter } from './xml.js';

/*
 * Layout (vn-standards §1.2, as in the published samples): a root `edXML` holding the
 * `edXMLEnvelope` (header with the signature, body with the manifest) and, beside it,
 * `AttachmentEncoded` with the base64 files. The signature's reference is the whole document
 * (URI=""), so the attachments are covered too.
 */

function organ(w: EdxmlWriter, parent: Element, name: string, o: EdxmlOrgan) {
  const e = w.el(parent, name);
  w.el(e, 'OrganId', o.organId);
  w.opt(e, 'OrganizationInCharge', o.organizationInCharge);
  w.el(e, 'OrganName', o.organName);
  w.opt(e, 'OrganAdd', o.organAdd);
  w.opt(e, 'Email', o.email);
  w.opt(e, 'Telephone', o.telephone);
  w.opt(e, 'Fax', o.fax);
  w.opt(e, 'Website', o.website);
}

function staff(w: EdxmlWriter, parent: Element, s: EdxmlStaffInfo | undefined) {
  if (!s) return;
  const e = w.el(parent, 'StaffInfo');
  w.opt(e, 'Department', s.department);
  w.opt(e, 'Staff', s.staff);
  w.opt(e, 'Mobile', s.mobile);
  w.opt(e, 'Email', s.email);
}

function ref(w: EdxmlWriter, parent: Element, r: EdxmlDocumentRef) {
  const e = w.el(parent, 'ResponseFor');
  w.el(e, 'OrganId', r.organId);
  w.el(e, 'Code', r.code);
  w.el(e, 'PromulgationDate', toEdxmlDate(r.promulgationDate));
  w.el(e, 'DocumentId', r.documentId);
}

function traces(w: EdxmlWriter, list: Element, ts: EdxmlTrace[]) {
  for (const t of ts) {
    const e = w.el(list, 'TraceHeader');
    w.el(e, 'OrganId', t.organId);
    w.el(e, 'Timestamp', toEdxmlTimestamp(t.timestamp));
  }
}

function envelope(w: EdxmlWriter) {
  const env = w.el(w.root, 'edXMLEnvelope');
  return { env, header: w.el(env, 'edXMLHeader') };
}

function messageHeader(w: EdxmlWriter, parent: Element, p: DocumentPackage) {
  const h = p.header;
  const mh = w.el(parent, 'MessageHeader');
  organ(w, mh, 'From', p.from);
  for (const to of p.to) organ(w, mh, 'To', to);
  w.el(mh, 'DocumentId', p.documentId);
  const code = w.el(mh, 'Code');
  w.el(code, 'CodeNumber', h.codeNumber);
  w.el(code, 'CodeNotation', h.codeNotation);
  const pi = w.el(mh, 'PromulgationInfo');
  w.el(pi, 'Place', h.promulgation.place);
  w.el(pi, 'PromulgationDate', toEdxmlDate(h.promulgation.date));
  const dt = w.el(mh, 'DocumentType');
  w.el(dt, 'Type', h.documentType.type);
  w.el(dt, 'TypeDetail', h.documentType.typeDetail);
  w.el(dt, 'TypeName', h.documentType.typeName);
  w.el(mh, 'Subject', h.subject);
  w.opt(mh, 'Content', h.content);
  const si = w.el(mh, 'SignerInfo');
  w.opt(si, 'Competence', h.signerInfo.competence);
  w.el(si, 'Position', h.signerInfo.position);
  w.el(si, 'FullName', h.signerInfo.fullName);
  if (h.dueDate) w.el(mh, 'DueDate', toEdxmlDate(h.dueDate));
  const oi = w.el(mh, 'OtherInfo');
  const o = h.otherInfo;
  w.el(oi, 'Priority', o.priority);
  w.opt(oi, 'SphereOfPromulgation', o.sphereOfPromulgation);
  w.opt(oi, 'TyperNotation', o.typerNotation);
  w.opt(oi, 'PromulgationAmount', o.promulgationAmount);
  w.opt(oi, 'PageAmount', o.pageAmount);
  w.opt(oi, 'Direction', o.direction);
  if (o.appendixes?.length) {
    const ap = w.el(oi, 'Appendixes');
    for (const a of o.appendixes) w.el(ap, 'Appendix', a);
  }
  for (const r of h.responseFor ?? []) ref(w, mh, r);
  w.opt(mh, 'SteeringType', h.steeringType);
  // The national exchange's order (its samples): ToPlaces last, after SteeringType.
  const tp = w.el(mh, 'ToPlaces');
  for (const place of h.toPlaces) w.el(tp, 'Place', place);
}

function business(w: EdxmlWriter, list: Element, p: DocumentPackage) {
  const b = w.el(list, 'Bussiness');
  w.el(b, 'DocumentId', p.business.documentId);
  w.el(b, 'BussinessDocType', BUSINESS_TYPES.indexOf(p.business.type));
  w.opt(b, 'BussinessDocReason', p.business.reason);
  w.el(b, 'Paper', p.business.paper ? 1 : 0);
  const info = p.business.documentInfo;
  if (info) {
    // The national exchange's order: BussinessDocumentInfo before StaffInfo (edoc_update.edxml).
    const bdi = w.el(b, 'BussinessDocumentInfo');
    w.opt(bdi, 'DocumentInfo', info.documentInfo);
    w.opt(bdi, 'DocumentReceiver', info.documentReceiver);
    if (info.receivers.length) {
      const rl = w.el(bdi, 'ReceiverList');
      for (const r of info.receivers) {
        const e = w.el(rl, 'Receiver');
        w.el(e, 'OrganId', r.organId);
        w.opt(e, 'ReceiverType', r.receiverType);
      }
    }
  }
  const replacements = p.business.replacements ?? (p.business.replacement ? [p.business.replacement] : []);
  if (replacements.length) {
    const rl = w.el(b, 'ReplacementInfoList');
    for (const r of replacements) {
      const ri = w.el(rl, 'ReplacementInfo');
      w.el(ri, 'DocumentId', r.documentId);
      const ol = w.el(ri, 'OrganIdList');
      for (const id of r.organIds) w.el(ol, 'OrganId', id);
    }
  }
  staff(w, b, p.business.staff);
}

/** The unsigned edXML of a document package. */
export function buildDocumentPackage(p: DocumentPackage): string {
  const w = new EdxmlWriter('edXML');
  const { env, header } = envelope(w);
  messageHeader(w, header, p);
  const list = w.el(header, 'TraceHeaderList');
  traces(w, list, p.traces);
  business(w, list, p);
  const manifest = w.el(w.el(env, 'edXMLBody'), 'edXMLManifest');
  manifest.setAttribute('version', '1.0');
  for (const a of p.attachments) {
    const r = w.el(manifest, 'Reference');
    w.el(r, 'ContentId', a.contentId);
    w.el(r, 'ContentType', a.mediaType);
    w.opt(r, 'Description', a.description);
    w.el(r, 'AttachmentName', a.name);
  }
  const encoded = w.el(w.root, 'AttachmentEncoded');
  for (const a of p.attachments) {
    const e = w.el(encoded, 'Attachment');
    w.el(e, 'ContentId', a.contentId);
    w.el(e, 'AttachmentName', a.name);
    w.opt(e, 'Description', a.description);
    w.el(e, 'ContentType', a.mediaType);
    w.el(e, 'ContentTransferEncoded', a.data.toString('base64'));
  }
  return w.serialize();
}

/**
 * The unsigned edXML of a status notification, as the national exchange writes it (the public
 * samples, `status_*.edxml`): `From`, `ResponseFor`, `StaffInfo`, `StatusCode`, `Description` and
 * `Timestamp` inside `edXML:MessageHeader`, no body. Until 2026-12 this platform wrote them in an
 * `edXML:Status` element that other hubs do not read; the parser still reads that form.
 */
export function buildStatusPackage(s: StatusPackage): string {
  const w = new EdxmlWriter('edXML');
  const { header } = envelope(w);
  const mh = w.el(header, 'MessageHeader');
  organ(w, mh, 'From', s.from);
  ref(w, mh, s.responseFor);
  staff(w, mh, s.staff);
  w.el(mh, 'StatusCode', s.statusCode);
  w.opt(mh, 'Description', s.description);
  w.el(mh, 'Timestamp', toEdxmlTimestamp(s.timestamp));
  if (s.traces.length) traces(w, w.el(header, 'TraceHeaderList'), s.traces);
  return w.serialize();
}
