/** Meetings (e-Cabinet): paperless meetings of a body and written opinions of its members. */
export type * from './meetings-contract.js';
export { createMeetings, type MeetingsModule } from './meetings.module.js';
