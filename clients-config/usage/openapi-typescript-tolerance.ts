// Tolerance (issue 9): the smallest answer the API reference allows for each operation, and the
// same with every int64 count past 2^31, typed as openapi-typescript's 200 bodies. tsc accepts them
// only if no field the reference leaves out is required and the enums take values added later
// (QUEUED, VACUUM, deferred). The literals between the ANSWERS markers are checked against
// scripts/conformance/tolerance.py by tests/contract/conformance/test_tolerance_typescript.py.
import type { operations } from "@dli-sqljob/openapi-typescript";

type Ok<Id extends keyof operations> = operations[Id] extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

// ANSWERS BEGIN
export const cancelSqlJobMinimal: Ok<"cancelSqlJob"> = {};
export const cancelSqlJobLarge: Ok<"cancelSqlJob"> = {};
export const checkSqlMinimal: Ok<"checkSql"> = {};
export const checkSqlLarge: Ok<"checkSql"> = {};
export const createSqlJobMinimal: Ok<"createSqlJob"> = {"is_success": true, "message": "x", "job_id": "x", "job_type": "VACUUM"};
export const createSqlJobLarge: Ok<"createSqlJob"> = {"is_success": true, "message": "x", "job_id": "x", "job_type": "VACUUM"};
export const exportSqlJobResultMinimal: Ok<"exportSqlJobResult"> = {"is_success": true, "message": "x"};
export const exportSqlJobResultLarge: Ok<"exportSqlJobResult"> = {"is_success": true, "message": "x"};
export const exportTableMinimal: Ok<"exportTable"> = {};
export const exportTableLarge: Ok<"exportTable"> = {};
export const importTableMinimal: Ok<"importTable"> = {};
export const importTableLarge: Ok<"importTable"> = {};
export const listSqlJobsMinimal: Ok<"listSqlJobs"> = {"is_success": true, "message": "x", "job_count": 1, "jobs": [{"job_id": "x", "job_type": "VACUUM", "queue_name": "x", "owner": "x", "start_time": 1, "duration": 1, "status": "QUEUED", "input_size": 1, "result_count": 1, "detail": "x", "statement": "x"}]};
export const listSqlJobsLarge: Ok<"listSqlJobs"> = {"is_success": true, "message": "x", "job_count": 1, "jobs": [{"job_id": "x", "job_type": "VACUUM", "queue_name": "x", "owner": "x", "start_time": 8589934593, "duration": 8589934593, "status": "QUEUED", "input_size": 8589934593, "result_count": 8589934593, "detail": "x", "statement": "x", "bad_row_count": 8589934593, "end_time": 8589934593, "input_row_count": 8589934593}]};
export const previewSqlJobResultMinimal: Ok<"previewSqlJobResult"> = {};
export const previewSqlJobResultLarge: Ok<"previewSqlJobResult"> = {"input_size": 8589934593};
export const showSqlJobDetailMinimal: Ok<"showSqlJobDetail"> = {"is_success": true, "message": "x", "job_id": "x", "owner": "x", "start_time": 1, "duration": 1, "data_path": "x", "data_type": "x", "database_name": "x", "table_name": "x"};
export const showSqlJobDetailLarge: Ok<"showSqlJobDetail"> = {"is_success": true, "message": "x", "job_id": "x", "owner": "x", "start_time": 2147483655, "duration": 2147483655, "data_path": "x", "data_type": "x", "database_name": "x", "table_name": "x"};
export const showSqlJobProgressMinimal: Ok<"showSqlJobProgress"> = {"is_success": true, "message": "x", "status": "QUEUED"};
export const showSqlJobProgressLarge: Ok<"showSqlJobProgress"> = {"is_success": true, "message": "x", "status": "QUEUED"};
export const showSqlJobStatusMinimal: Ok<"showSqlJobStatus"> = {"is_success": true, "message": "x", "job_id": "x", "job_type": "VACUUM", "job_mode": "deferred", "queue_name": "x", "owner": "x", "start_time": 1, "status": "QUEUED", "input_size": 1, "result_count": 1, "detail": "x", "statement": "x"};
export const showSqlJobStatusLarge: Ok<"showSqlJobStatus"> = {"is_success": true, "message": "x", "job_id": "x", "job_type": "VACUUM", "job_mode": "deferred", "queue_name": "x", "owner": "x", "start_time": 2147483655, "status": "QUEUED", "input_size": 8589934593, "result_count": 2147483655, "detail": "x", "statement": "x", "bad_row_count": 2147483655, "duration": 2147483655, "input_row_count": 2147483655};
// ANSWERS END

// Code a TypeScript team writes against those answers: optional fields are read as possibly
// absent, enum fields as any string, counts as plain numbers (exact up to 2^53).
export function pollLine(answer: Ok<"showSqlJobStatus">): string {
  const status: string = answer.status;
  const ran: number | undefined = answer.duration;
  const rows: number | undefined = answer.result_count;
  return `${answer.job_id} ${status} ${ran ?? "not started"} ${rows ?? 0}`;
}

export function listedRows(answer: Ok<"listSqlJobs">): number {
  return answer.jobs.reduce((sum, job) => sum + job.result_count + (job.duration ?? 0), 0);
}

export function newJobId(answer: Ok<"exportSqlJobResult"> | Ok<"importTable">): string | undefined {
  return answer.is_success === false ? undefined : answer.job_id;
}

export const total: number =
  listedRows(listSqlJobsLarge) + pollLine(showSqlJobStatusMinimal).length;
