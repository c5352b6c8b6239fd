// The signer end to end: the generated typescript-fetch client and a plain signed fetch against a
// real emulator on loopback, which verifies every signature with the Python verifier.
// scripts/clients.py starts the emulator and passes it in DLI_E2E_* variables.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { promisify } from "node:util";

import {
  Configuration,
  JobStatus,
  SQLJobResultsApi,
  SQLJobsApi,
  type ShowSqlJobStatusResponse,
} from "@dli-sqljob/typescript-fetch";

import { type AkSkCredentials, akskMiddleware, signedFetch } from "../aksk";

function setting(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this through scripts/clients.py (it starts an emulator)`);
  }
  return value;
}

const ENDPOINT = setting("DLI_E2E_ENDPOINT");
const PROJECT = setting("DLI_E2E_PROJECT_ID");
const CREDENTIALS: AkSkCredentials = {
  accessKey: setting("DLI_E2E_AK"),
  secretKey: setting("DLI_E2E_SK"),
  projectId: PROJECT,
};
assert.match(ENDPOINT, /^http:\/\/127\.0\.0\.1:\d+$/, "end-to-end tests only talk to loopback");

const TERMINAL = new Set<string>([JobStatus.Finished, JobStatus.Failed, JobStatus.Cancelled]);

async function waitFor(jobs: SQLJobsApi, jobId: string): Promise<ShowSqlJobStatusResponse> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await jobs.showSqlJobStatus({ projectId: PROJECT, jobId });
    if (TERMINAL.has(status.status)) {
      return status;
    }
    assert.ok(Date.now() < deadline, `job ${jobId} still ${status.status} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("typescript-fetch with the AK/SK middleware: submit, wait, preview", async () => {
  const middleware = [akskMiddleware(CREDENTIALS)];
  const config = new Configuration({ basePath: ENDPOINT, middleware });
  const jobs = new SQLJobsApi(config);
  const results = new SQLJobResultsApi(config);
  const created = await jobs.createSqlJob({
    projectId: PROJECT,
    createSqlJobRequest: {
      sql: "SELECT id, concat('row ', CAST(id AS STRING)) AS label FROM range(3) t(id) ORDER BY id",
      conf: ["dli.sql.job.timeout=60"],
    },
  });
  assert.equal(created.isSuccess, true);
  const status = await waitFor(jobs, created.jobId);
  assert.equal(status.status, JobStatus.Finished, status.message);
  assert.equal(status.resultCount, 3);
  const preview = await results.previewSqlJobResult({
    projectId: PROJECT,
    jobId: created.jobId,
    pageSize: 2,
  });
  assert.deepEqual(preview.rows, [
    [0, "row 0"],
    [1, "row 1"],
  ]);
  // A query the signer must canonicalise: arrays, a space and non-ASCII text in the filter.
  const listed = await jobs.listSqlJobs({
    projectId: PROJECT,
    jobTypes: ["QUERY", "DDL"],
    sqlPattern: "concat('row ",
    pageSize: 100,
  });
  assert.ok(listed.jobs.some((job) => job.jobId === created.jobId));
  const none = await jobs.listSqlJobs({ projectId: PROJECT, sqlPattern: "名字 nowhere" });
  assert.equal(none.jobs.length, 0);
});

test("signedFetch for openapi-typescript users: the same calls by hand", async () => {
  const dli = signedFetch(CREDENTIALS);
  const base = `${ENDPOINT}/v1.0/${PROJECT}`;
  const submitted = await dli(`${base}/jobs/submit-job`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ sql: "SELECT 'ü' || 'ß' AS word, 7 AS n" }),
  });
  assert.equal(submitted.status, 200, await submitted.clone().text());
  const { job_id: jobId } = (await submitted.json()) as { job_id: string };
  const deadline = Date.now() + 30_000;
  let status = "";
  while (!TERMINAL.has(status)) {
    assert.ok(Date.now() < deadline, `job ${jobId} still ${status}`);
    const answer = await dli(`${base}/jobs/${jobId}/status`, {
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(answer.status, 200);
    status = ((await answer.json()) as { status: string }).status;
  }
  assert.equal(status, "FINISHED");
  const preview = await dli(`${base}/jobs/${jobId}/preview?page-size=10`);
  assert.equal(preview.status, 200);
  assert.deepEqual(((await preview.json()) as { rows: unknown[][] }).rows, [["üß", 7]]);
});

test("a wrong secret key is refused with the gateway's 401", async () => {
  const forged = signedFetch({ ...CREDENTIALS, secretKey: `${CREDENTIALS.secretKey}x` });
  const answer = await forged(`${ENDPOINT}/v1.0/${PROJECT}/jobs`);
  assert.equal(answer.status, 401);
  const body = (await answer.json()) as { error_code: string; error_msg: string };
  assert.equal(body.error_code, "APIGW.0301");
  assert.doesNotMatch(body.error_msg, new RegExp(CREDENTIALS.secretKey));
});

test("the consumer template, built as copied, runs a query with AK/SK", async () => {
  const env = {
    ...process.env,
    DLI_ENDPOINT: ENDPOINT,
    HUAWEICLOUD_SDK_AK: CREDENTIALS.accessKey,
    HUAWEICLOUD_SDK_SK: CREDENTIALS.secretKey,
    HUAWEICLOUD_SDK_PROJECT_ID: PROJECT,
  };
  const main = setting("DLI_E2E_TEMPLATE_MAIN");
  const run = promisify(execFile);
  const sql = "SELECT 'template' AS source, 2 + 3 AS five";
  const { stdout } = await run("node", [main, sql], { env });
  assert.deepEqual(JSON.parse(stdout), [["template", 5]]);
  const failing = run("node", [main, "SELECT * FROM no_such_table"], { env });
  await assert.rejects(failing, (error: { code?: number; stderr?: string }) => {
    assert.equal(error.code, 1);
    assert.match(error.stderr ?? "", /FAILED: .*no_such_table/);
    return true;
  });
});
