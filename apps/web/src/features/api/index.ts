export { apiFetch, buildQuery, readCookie, type ApiOptions, type Page, type Query } from './api-fetch';
export { ApiError, describeProblem, isApiError, toProblem, type DescribedProblem, type FieldProblem, type Problem } from './problem';
