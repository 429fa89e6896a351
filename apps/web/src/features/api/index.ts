export { api, buildQuery, idempotent, readCookie, unwrap } from './client';
export type { ApiBody, ApiPath, ApiQuery, ApiResponse, ItemOf, Page, Schema } from './types';
export {
  ApiError,
  describeProblem,
  isApiError,
  toProblem,
  type DescribedProblem,
  type FieldProblem,
  type Problem,
} from './problem';
export { ACCEPTED_FILE_TYPES, fileInfo, formatBytes, MAX_UPLOAD_BYTES, uploadFile, type UploadedFile } from './upload';
