// The TypeScript signer against the 32 huaweicloudsdkcore 3.1.219 vectors the Python signer is
// held to (tests/data/aksk-vectors.json, read from the repository: run from its root).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { akskMiddleware, canonicalQuery, signRequest, signedFetch } from "../aksk";

interface Vector {
  name: string;
  input: {
    ak: string;
    sk: string;
    method: string;
    scheme: string;
    host: string;
    resource_path: string;
    query_params: Array<[string, string | number | boolean | Array<string | number | boolean>]>;
    headers: Record<string, string>;
    body: string | null;
  };
  output: {
    canonical_request: string;
    string_to_sign: string;
    signed_headers: string;
    signature: string;
    authorization: string;
    url: string;
    headers_sent: Record<string, string>;
  };
}

const FILE = JSON.parse(readFileSync("tests/data/aksk-vectors.json", "utf8")) as {
  vectors: Vector[];
  sdk_client_vectors: Vector[];
};
const VECTORS = [...FILE.vectors, ...FILE.sdk_client_vectors];
const VECTOR_TIME = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
// Given when the vector's headers carry X-Sdk-Date, which must win over it.
const UNRELATED_TIME = new Date(Date.UTC(2031, 6, 8, 9, 10, 11));
const CREDENTIALS = {
  accessKey: "AKTESTEXAMPLE000001",
  secretKey: "SKtestSecretKeyExample0000000000000000001",
};

/** The vector's query in its given (unsorted) order, as a client would first write it. */
function queryAsSent(params: Vector["input"]["query_params"]): string {
  const fields: string[] = [];
  for (const [key, value] of params) {
    for (const item of Array.isArray(value) ? value : [value]) {
      fields.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return fields.join("&");
}

function urlOf(input: Vector["input"]): string {
  const query = queryAsSent(input.query_params);
  return `${input.scheme}://${input.host}${input.resource_path}${query ? `?${query}` : ""}`;
}

describe("huaweicloudsdkcore vectors", () => {
  test("the file holds 19 signer and 13 SDK-client vectors", () => {
    assert.equal(FILE.vectors.length, 19);
    assert.equal(FILE.sdk_client_vectors.length, 13);
  });

  for (const vector of VECTORS) {
    test(vector.name, async () => {
      const { input, output } = vector;
      const hasDate = Object.keys(input.headers).some((name) => name.toLowerCase() === "x-sdk-date");
      const signed = await signRequest(
        { accessKey: input.ak, secretKey: input.sk },
        {
          method: input.method,
          url: urlOf(input),
          headers: input.headers,
          body: input.body,
          date: hasDate ? UNRELATED_TIME : VECTOR_TIME,
        },
      );
      assert.equal(signed.canonicalRequest, output.canonical_request);
      assert.equal(signed.stringToSign, output.string_to_sign);
      assert.equal(signed.signedHeaders, output.signed_headers);
      assert.equal(signed.signature, output.signature);
      assert.equal(signed.authorization, output.authorization);
      assert.equal(signed.url, output.url);
      assert.deepEqual(signed.headers, Object.entries(output.headers_sent));
    });
  }
});

describe("signer edges", () => {
  const anchor = FILE.vectors.find((v) => v.name === "get_job_status")!;

  test("a body given as bytes signs like the same text", async () => {
    const post = FILE.vectors.find((v) => v.name === "post_json_utf8_body")!;
    const request = { method: "POST", url: urlOf(post.input), headers: post.input.headers };
    const bytes = new TextEncoder().encode(post.input.body!);
    const signed = await signRequest(CREDENTIALS, { ...request, body: bytes });
    assert.equal(signed.signature, post.output.signature);
    const buffer = await signRequest(CREDENTIALS, { ...request, body: bytes.buffer });
    assert.equal(buffer.signature, post.output.signature);
  });

  test("sorting follows code points, not UTF-16 units", () => {
    // U+1F600 is one code point above U+FF21 but its first UTF-16 unit (0xD83D) is below.
    assert.equal(canonicalQuery([["k", "\u{1F600}"], ["k", "\uFF21"]]), "k=%EF%BC%A1&k=%F0%9F%98%80");
  });

  test("project ID and security token are added and signed", async () => {
    const { "X-Project-Id": _, ...headers } = anchor.input.headers;
    const signed = await signRequest(
      { ...CREDENTIALS, projectId: "0123456789abcdef0123456789abcdef", securityToken: "tok" },
      { method: "GET", url: urlOf(anchor.input), headers },
    );
    const names = "content-type;host;user-agent;x-project-id;x-sdk-date;x-security-token";
    assert.equal(signed.signedHeaders, names);
    assert.ok(signed.headers.some(([n, v]) => n === "X-Security-Token" && v === "tok"));
  });

  test("refuses what it cannot sign faithfully", async () => {
    const url = urlOf(anchor.input);
    await assert.rejects(
      signRequest(CREDENTIALS, { method: "GET", url, headers: [["A", "1"], ["a", "2"]] }),
      /header a given more than once/,
    );
    await assert.rejects(
      signRequest(CREDENTIALS, { method: "GET", url, headers: { Authorization: "x" } }),
      /already carry Authorization/,
    );
    await assert.rejects(
      signRequest(CREDENTIALS, { method: "GET", url, headers: { "X-Sdk-Date": "2024-01-02" } }),
      /not of the form YYYYMMDDTHHMMSSZ/,
    );
    await assert.rejects(
      signRequest({ accessKey: "AK", secretKey: "" }, { method: "GET", url }),
      /non-empty secret key/,
    );
  });

  test("the middleware hands fetch the signed URL and headers, without Host", async () => {
    const post = FILE.vectors.find((v) => v.name === "list_jobs_query")!;
    const middleware = akskMiddleware(CREDENTIALS);
    const { url, init } = await middleware.pre({
      url: urlOf(post.input),
      init: { method: "GET", headers: post.input.headers },
    });
    assert.equal(url, post.output.url);
    const sent = new Map(init.headers as Array<[string, string]>);
    assert.equal(sent.get("Authorization"), post.output.authorization);
    assert.equal(sent.has("Host"), false);
  });

  test("signedFetch sends what it signed", async () => {
    const post = FILE.vectors.find((v) => v.name === "submit_job_post_json")!;
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetcher = signedFetch(CREDENTIALS, async (url, init) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response("{}", { status: 200 });
    });
    const { headers, body } = post.input;
    await fetcher(urlOf(post.input), { method: "POST", headers, body });
    const [seen] = calls;
    assert.ok(seen);
    assert.equal(seen.url, post.output.url);
    const sent = new Headers(seen.init.headers);
    assert.equal(sent.get("authorization"), post.output.authorization);
    assert.equal(new TextDecoder().decode(seen.init.body as Uint8Array), post.input.body);
  });
});
