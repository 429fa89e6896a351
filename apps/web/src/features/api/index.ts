export { apiFetch, buildQuery, readCookie, type ApiOptions, type Page, type Query } from './api-fetch';
export {
  ApiError,
  describeProblem,
  isApiError,
  toProblem,
  type DescribedProblem,
  type FieldProblem,
  type Problem,
} from './problem';
export {
  ACCEPTED_FILE_TYPES,
  fileInfo,
  formatBytes,
  MAX_UPLOAD_BYTES,
  uploadFile,
  urlAnswers,
  type UploadedFile,
} from './upload';
