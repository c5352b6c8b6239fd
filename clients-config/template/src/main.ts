// Run one SQL statement on DLI and print its first rows:
//   npm run build && npm start -- "select 1 as one"
// Settings come from the environment variables the official SDK and this project's Python
// toolkit read: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID and DLI_ENDPOINT
// (https://dli.<region>.myhuaweicloud.com, or the local emulator's http://127.0.0.1:8900).
import {
  Configuration,
  JobStatus,
  ResponseError,
  SQLJobResultsApi,
  SQLJobsApi,
} from "@dli-sqljob/typescript-fetch";

import { akskMiddleware } from "./aksk";

const TERMINAL: ReadonlySet<string> = new Set([JobStatus.Finished, JobStatus.Failed, JobStatus.Cancelled]);

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`set ${name}`);
  }
  return value;
}

async function main(sql: string): Promise<void> {
  const projectId = required("HUAWEICLOUD_SDK_PROJECT_ID");
  const config = new Configuration({
    basePath: required("DLI_ENDPOINT"),
    middleware: [
      akskMiddleware({
        accessKey: required("HUAWEICLOUD_SDK_AK"),
        secretKey: required("HUAWEICLOUD_SDK_SK"),
        projectId,
        securityToken: process.env.HUAWEICLOUD_SDK_SECURITY_TOKEN,
      }),
    ],
  });
  const jobs = new SQLJobsApi(config);
  const results = new SQLJobResultsApi(config);

  const { jobId } = await jobs.createSqlJob({ projectId, createSqlJobRequest: { sql } });
  let status = await jobs.showSqlJobStatus({ projectId, jobId });
  // Open enum: compare with the values you know, never assume the list is complete.
  while (!TERMINAL.has(status.status)) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    status = await jobs.showSqlJobStatus({ projectId, jobId });
  }
  if (status.status !== JobStatus.Finished) {
    throw new Error(`job ${jobId} ${status.status}: ${status.message}`);
  }
  if (status.jobType === "QUERY") {
    const preview = await results.previewSqlJobResult({ projectId, jobId, pageSize: 10 });
    console.log(JSON.stringify(preview.rows));
  } else {
    console.log(`job ${jobId} FINISHED`);
  }
}

main(process.argv[2] ?? "select 1 as one").catch(async (error: unknown) => {
  // The service's errors carry {"error_code", "error_msg"} in the body.
  const detail = error instanceof ResponseError ? await error.response.text() : String(error);
  console.error(detail);
  process.exitCode = 1;
});
