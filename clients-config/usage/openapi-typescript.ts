// What a TypeScript team writes against the openapi-typescript types: a small fetch wrapper whose
// request and response shapes come from `paths`. tsc checks it against the generated schema.d.ts,
// so a renamed path, parameter or field in openapi.yaml breaks this file before it breaks theirs.
import type { components, operations, paths } from "@dli-sqljob/openapi-typescript";

import { type AkSkCredentials, signedFetch } from "../signer/aksk";

type Schemas = components["schemas"];
type JsonBody<Op> = Op extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : never;
type JsonOk<Op> = Op extends { responses: { 200: { content: { "application/json": infer Ok } } } }
  ? Ok
  : never;

export type CreateSqlJobBody = JsonBody<operations["createSqlJob"]>;
export type CreateSqlJobOk = JsonOk<operations["createSqlJob"]>;
export type JobStatusOk = JsonOk<operations["showSqlJobStatus"]>;
type StatusPath = paths["/v1.0/{project_id}/jobs/{job_id}/status"]["get"]["parameters"]["path"];
type ListQuery = NonNullable<operations["listSqlJobs"]["parameters"]["query"]>;

// A status answer may carry a value added after this spec (JobStatus | string): keep it a string.
const TERMINAL: ReadonlySet<string> = new Set<Schemas["JobStatus"]>([
  "FINISHED",
  "FAILED",
  "CANCELLED",
]);

export class DliError extends Error {
  constructor(
    readonly status: number,
    readonly body: Schemas["DliError"] | Schemas["GatewayError"],
  ) {
    super(`${body.error_code}: ${body.error_msg}`);
  }
}

async function call<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: { "X-Auth-Token": token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload: unknown = await response.json();
  if (!response.ok) {
    throw new DliError(response.status, payload as Schemas["DliError"]);
  }
  return payload as T;
}

export function createSqlJob(
  base: string,
  token: string,
  projectId: string,
  body: CreateSqlJobBody,
): Promise<CreateSqlJobOk> {
  return call(base, token, "POST", `/v1.0/${projectId}/jobs/submit-job`, body);
}

export function showSqlJobStatus(base: string, token: string, where: StatusPath): Promise<JobStatusOk> {
  return call(base, token, "GET", `/v1.0/${where.project_id}/jobs/${where.job_id}/status`);
}

export function listSqlJobsQuery(query: ListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  return params.toString();
}

export async function runQuery(base: string, token: string, projectId: string): Promise<string> {
  const created = await createSqlJob(base, token, projectId, {
    sql: "select 1",
    currentdb: "db1",
    queue_name: "default",
    conf: ["dli.sql.job.timeout=60"],
    engine_type: "spark",
  });
  if (!created.is_success) {
    throw new Error(`submit refused: ${created.message}`);
  }
  const query = listSqlJobsQuery({ "page-size": 10, "job-status": "RUNNING", job_types: ["QUERY"] });
  for (;;) {
    const shown = await showSqlJobStatus(base, token, { project_id: projectId, job_id: created.job_id });
    if (TERMINAL.has(shown.status)) {
      return `${shown.status} (${shown.job_type}) after ${shown.duration} ms; next: ?${query}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// Fields with a default (compress, export_mode, ...) must stay optional in request bodies.
export const minimalExport: JsonBody<operations["exportSqlJobResult"]> = {
  data_path: "obs://bucket/out",
  data_type: "csv",
};

// The same submit with AK/SK: signedFetch signs whatever request it is handed.
export async function createSqlJobSigned(
  base: string,
  credentials: AkSkCredentials & { projectId: string },
  body: CreateSqlJobBody,
): Promise<CreateSqlJobOk> {
  const response = await signedFetch(credentials)(
    `${base}/v1.0/${credentials.projectId}/jobs/submit-job`,
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
  );
  const payload: unknown = await response.json();
  if (!response.ok) {
    throw new DliError(response.status, payload as Schemas["DliError"]);
  }
  return payload as CreateSqlJobOk;
}
