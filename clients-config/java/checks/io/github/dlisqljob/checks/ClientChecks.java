package io.github.dlisqljob.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlisqljob.client.ApiClient;
import io.github.dlisqljob.client.ApiException;
import io.github.dlisqljob.client.api.SqlJobResultsApi;
import io.github.dlisqljob.client.api.SqlJobsApi;
import io.github.dlisqljob.client.model.CreateSqlJobRequest;
import io.github.dlisqljob.client.model.CreateSqlJobResponse;
import io.github.dlisqljob.client.model.JobStatus;
import io.github.dlisqljob.client.model.JobTypeFilter;
import io.github.dlisqljob.client.model.ListSqlJobsResponse;
import io.github.dlisqljob.client.model.PreviewSqlJobResultResponse;
import io.github.dlisqljob.client.model.ShowSqlJobStatusResponse;
import io.github.dlisqljob.signer.AkSkSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The generated Java client (library native) and the AK/SK signer, checked for real: the signer
 * on the 32 huaweicloudsdkcore vectors, the client against an emulator on loopback (submit, wait,
 * preview, errors), every request signed with AK/SK and verified by the emulator.
 *
 * <p>{@code ClientChecks <aksk-vectors.json> <junit.xml>}; the emulator comes from DLI_E2E_*
 * variables (scripts/clients.py sets them). No test runner is on this machine, so this program
 * writes its results as JUnit XML itself. Exit status 1 when any check failed.
 */
public final class ClientChecks {
  private static final Instant VECTOR_TIME = Instant.parse("2024-01-02T03:04:05Z");
  private static final Instant UNRELATED_TIME = Instant.parse("2031-07-08T09:10:11Z");
  private static final Set<JobStatus> TERMINAL =
      Set.of(JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELLED);

  private interface Check {
    void run() throws Exception;
  }

  private record Result(String suite, String name, double seconds, Throwable failure) {}

  private final List<Result> results = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ClientChecks <aksk-vectors.json> <junit.xml>");
      System.exit(2);
    }
    ClientChecks checks = new ClientChecks();
    checks.vectors(Path.of(args[0]));
    checks.emulator();
    checks.writeJunit(Path.of(args[1]));
    long failed = checks.results.stream().filter(r -> r.failure() != null).count();
    System.out.printf("java: %d passed, %d failed%n", checks.results.size() - failed, failed);
    System.exit(failed == 0 ? 0 : 1);
  }

  private void check(String suite, String name, Check check) {
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      check.run();
    } catch (Throwable error) {
      failure = error;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    results.add(new Result(suite, name, seconds, failure));
    System.out.println((failure == null ? "  ok   " : "  FAIL ") + suite + " > " + name);
    if (failure != null) {
      System.out.println("         " + failure);
    }
  }

  private static void expect(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  private static void expectEqual(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
    }
  }

  // -- the signer on the vectors -------------------------------------------------------------

  private void vectors(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<JsonNode> all = new ArrayList<>();
    root.get("vectors").forEach(all::add);
    root.get("sdk_client_vectors").forEach(all::add);
    check(
        "signer vectors",
        "the file holds 19 signer and 13 SDK-client vectors",
        () -> {
          expectEqual(19, root.get("vectors").size(), "signer vectors");
          expectEqual(13, root.get("sdk_client_vectors").size(), "SDK-client vectors");
        });
    for (JsonNode vector : all) {
      check("signer vectors", vector.get("name").asText(), () -> signVector(vector));
    }
  }

  private static void signVector(JsonNode vector) {
    JsonNode input = vector.get("input");
    JsonNode output = vector.get("output");
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    boolean hasDate = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = input.get("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      headers.add(Map.entry(header.getKey(), header.getValue().asText()));
      hasDate |= header.getKey().equalsIgnoreCase("x-sdk-date");
    }
    // The query in its given order, as a client would first write it; the signer sorts it.
    List<String> fields = new ArrayList<>();
    for (JsonNode param : input.get("query_params")) {
      JsonNode value = param.get(1);
      List<JsonNode> items = new ArrayList<>();
      if (value.isArray()) {
        value.forEach(items::add);
      } else {
        items.add(value);
      }
      for (JsonNode item : items) {
        fields.add(encode(param.get(0).asText()) + "=" + encode(item.asText()));
      }
    }
    String url =
        input.get("scheme").asText() + "://" + input.get("host").asText()
            + input.get("resource_path").asText()
            + (fields.isEmpty() ? "" : "?" + String.join("&", fields));
    byte[] body =
        input.get("body").isNull()
            ? null
            : input.get("body").asText().getBytes(StandardCharsets.UTF_8);
    AkSkSigner.Signed signed =
        AkSkSigner.sign(
            new AkSkSigner.Credentials(input.get("ak").asText(), input.get("sk").asText()),
            input.get("method").asText(),
            URI.create(url),
            headers,
            body,
            hasDate ? UNRELATED_TIME : VECTOR_TIME);
    expectEqual(output.get("canonical_request").asText(), signed.canonicalRequest(), "canonical request");
    expectEqual(output.get("string_to_sign").asText(), signed.stringToSign(), "string to sign");
    expectEqual(output.get("signed_headers").asText(), signed.signedHeaders(), "signed headers");
    expectEqual(output.get("signature").asText(), signed.signature(), "signature");
    expectEqual(output.get("authorization").asText(), signed.authorization(), "authorization");
    expectEqual(output.get("url").asText(), signed.url(), "url");
    List<Map.Entry<String, String>> sent = new ArrayList<>();
    output
        .get("headers_sent")
        .fields()
        .forEachRemaining(e -> sent.add(Map.entry(e.getKey(), e.getValue().asText())));
    expectEqual(sent, signed.headers(), "headers sent");
  }

  /** encodeURIComponent's set: what a client might send before the signer re-encodes. */
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // -- the generated client against the emulator ---------------------------------------------

  private static String setting(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          name + " is not set: run this through scripts/clients.py, which starts an emulator");
    }
    return value;
  }

  private static ApiClient client(String endpoint, AkSkSigner.Credentials credentials) {
    // HTTP/1.1: on http:// the JDK client would otherwise offer an h2c upgrade first.
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    ApiClient api = new ApiClient(http, ApiClient.createDefaultObjectMapper(), endpoint);
    api.setReadTimeout(Duration.ofSeconds(60));
    api.setRequestInterceptor(AkSkSigner.interceptor(credentials));
    return api;
  }

  private void emulator() {
    String endpoint = setting("DLI_E2E_ENDPOINT");
    String project = setting("DLI_E2E_PROJECT_ID");
    if (!endpoint.matches("http://127\\.0\\.0\\.1:\\d+")) {
      throw new IllegalStateException("end-to-end checks only talk to loopback, not " + endpoint);
    }
    AkSkSigner.Credentials credentials =
        new AkSkSigner.Credentials(setting("DLI_E2E_AK"), setting("DLI_E2E_SK"), project, null);
    ApiClient api = client(endpoint, credentials);
    SqlJobsApi jobs = new SqlJobsApi(api);
    SqlJobResultsApi results = new SqlJobResultsApi(api);

    check(
        "emulator",
        "submit, wait and preview with AK/SK",
        () -> {
          CreateSqlJobRequest request =
              new CreateSqlJobRequest()
                  .sql("SELECT id, concat('java ', CAST(id AS STRING)) AS label"
                      + " FROM range(3) AS t(id) ORDER BY id")
                  .addConfItem("dli.sql.job.timeout=60");
          CreateSqlJobResponse created = jobs.createSqlJob(project, request);
          expectEqual(true, created.getIsSuccess(), "is_success");
          ShowSqlJobStatusResponse status = waitFor(jobs, project, created.getJobId());
          expectEqual(JobStatus.FINISHED, status.getStatus(), "status (" + status.getMessage() + ")");
          expectEqual(3L, status.getResultCount(), "result_count");
          PreviewSqlJobResultResponse preview =
              results.previewSqlJobResult(project, created.getJobId(), null, 2L);
          expectEqual(
              List.of(List.of(0, "java 0"), List.of(1, "java 1")), preview.getRows(), "preview rows");
          ListSqlJobsResponse listed =
              jobs.listSqlJobs(project, 100, 1, null, null, null,
                  List.of(JobTypeFilter.QUERY, JobTypeFilter.DDL), null, null, null,
                  "concat('java ", null, null, null, null, null, null);
          expect(
              listed.getJobs().stream().anyMatch(job -> created.getJobId().equals(job.getJobId())),
              "the job is listed under a filter with spaces, quotes and two job_types");
        });

    check(
        "emulator",
        "a missing job is HTTP 400 DLI.0002",
        () -> {
          try {
            jobs.showSqlJobStatus(project, "00000000-0000-4000-8000-000000000000");
            throw new AssertionError("no ApiException");
          } catch (ApiException error) {
            expectEqual(400, error.getCode(), "status");
            expect(error.getResponseBody().contains("DLI.0002"), error.getResponseBody());
          }
        });

    check(
        "emulator",
        "a wrong secret key is refused with the gateway's 401",
        () -> {
          AkSkSigner.Credentials forged =
              new AkSkSigner.Credentials(
                  credentials.accessKey(), credentials.secretKey() + "x", project, null);
          try {
            new SqlJobsApi(client(endpoint, forged))
                .showSqlJobStatus(project, "00000000-0000-4000-8000-000000000000");
            throw new AssertionError("no ApiException");
          } catch (ApiException error) {
            expectEqual(401, error.getCode(), "status");
            expect(error.getResponseBody().contains("APIGW.0301"), error.getResponseBody());
            expect(
                !error.getResponseBody().contains(credentials.secretKey()),
                "the answer quotes the SK");
          }
        });
  }

  private static ShowSqlJobStatusResponse waitFor(SqlJobsApi jobs, String project, String jobId)
      throws ApiException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      ShowSqlJobStatusResponse status = jobs.showSqlJobStatus(project, jobId);
      if (TERMINAL.contains(status.getStatus())) {
        return status;
      }
      expect(Instant.now().isBefore(deadline), "job " + jobId + " still " + status.getStatus());
      Thread.sleep(50);
    }
  }

  // -- JUnit XML -------------------------------------------------------------------------------

  private void writeJunit(Path file) throws IOException {
    long failures = results.stream().filter(r -> r.failure() != null).count();
    double total = results.stream().mapToDouble(Result::seconds).sum();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(String.format(
        "<testsuites><testsuite name=\"java-client\" tests=\"%d\" failures=\"%d\" errors=\"0\""
            + " skipped=\"0\" time=\"%.3f\">%n", results.size(), failures, total));
    for (Result result : results) {
      xml.append(String.format(
          "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
          escape("java." + result.suite().replace(' ', '_')),
          escape(result.name()),
          result.seconds()));
      if (result.failure() == null) {
        xml.append("/>\n");
      } else {
        xml.append(String.format(
            "><failure message=\"%s\" type=\"%s\"/></testcase>%n",
            escape(String.valueOf(result.failure().getMessage())),
            escape(result.failure().getClass().getName())));
      }
    }
    xml.append("</testsuite></testsuites>\n");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, xml.toString());
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        default -> out.append(c < 0x20 && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
