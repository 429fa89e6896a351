/** Documents: document management per Decree 30/2020 (quản lý văn bản và điều hành). */
export { createDocuments, type DocumentsModule, type DocumentsPorts } from './documents.module.js';
export { DocumentsContext, type DocumentSigning, type CalendarSource } from './documents.context.js';
export { demoSeedSigning } from './documents-signing.js';
export { documentsInbox } from './use-cases/inbox.js';
export { seedDocumentSettings, seedDemoDocuments, DEMO_ABBREVIATIONS } from './documents.seed.js';
export { DOCUMENT_TYPES, type DocumentType } from './reference/document-types.js';
export { createDocument } from './use-cases/create.js';
export { visibleDocument } from './use-cases/common.js';
export { documentDayFacts } from './use-cases/day-facts.js';
