// AK/SK request signing (SDK-HMAC-SHA256) for TypeScript clients of the DLI API: the canonical
// request of huaweicloudsdkcore's Signer, as src/dli_signing builds it in Python.
//
// Copy this one file into your project. It has no dependencies: hashing is Web Crypto
// (globalThis.crypto.subtle), so it runs on Node 20+, Deno, Bun and in browsers.
//
// - akskMiddleware(credentials): a `Middleware` for the typescript-fetch client
//     new Configuration({ basePath, middleware: [akskMiddleware(credentials)] })
// - signedFetch(credentials): a `fetch` that signs, for code on the openapi-typescript types
//   (or any fetch-based client such as openapi-fetch: createClient({ baseUrl, fetch: ... }))
// - signRequest(credentials, request): the signature itself, for anything else.

export interface AkSkCredentials {
  accessKey: string;
  secretKey: string;
  /** Sent as X-Project-Id when the request has none (the official SDK does the same). */
  projectId?: string;
  /** The security token of a temporary AK/SK pair, sent as X-Security-Token. */
  securityToken?: string;
}

export type HeaderPairs = Record<string, string> | Array<[string, string]> | Headers;

export interface RequestToSign {
  method: string;
  /** The full URL; its query is replaced by the canonical query, as the official SDK sends it. */
  url: string | URL;
  headers?: HeaderPairs;
  body?: string | Uint8Array | ArrayBuffer | null;
  /** Signing time when the headers carry no X-Sdk-Date (default: now). */
  date?: Date;
}

export interface SignedRequest {
  /** The URL to send: same origin and path, the canonical query. */
  url: string;
  /** Every header to send, in order: the given ones, then those signing added, Authorization last. */
  headers: Array<[string, string]>;
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

export const ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_PAYLOAD_SHA256 =
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
// Bodies of these content types are hashed; any other declared type is sent unsigned.
const HASHED_CONTENT_TYPES = ["application/json", "application/bson"];
const SDK_DATE = /^\d{8}T\d{6}Z$/;

const utf8 = new TextEncoder();

/** Percent-encode all but RFC 3986's unreserved characters (UTF-8, uppercase hex). */
export function percentEncode(text: string): string {
  // encodeURIComponent also leaves ! ' ( ) * alone; the signature must not.
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decode %XX escapes as UTF-8 and leave anything else as it is (Python's unquote). */
function percentDecode(text: string): string {
  if (!text.includes("%")) {
    return text;
  }
  const source = utf8.encode(text);
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const hex = source[i] === 0x25 ? String.fromCharCode(source[i + 1] ?? 0, source[i + 2] ?? 0) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(source[i]!);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Decode the whole path, re-encode each segment, end it with '/'. An encoded '%2F' in a
 * segment becomes a separator: the SDK does this, so the gateway does too. */
export function canonicalUri(rawPath: string): string {
  if (!rawPath.startsWith("/")) {
    throw new Error(`request path must start with '/', got ${JSON.stringify(rawPath)}`);
  }
  const uri = percentDecode(rawPath).split("/").map(percentEncode).join("/");
  return uri.endsWith("/") ? uri : `${uri}/`;
}

/** Split a raw query string into decoded pairs; 'k' alone is ('k', ''). '+' stays a '+'. */
export function parseQuery(rawQuery: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const field of rawQuery.split("&")) {
    if (field) {
      const at = field.indexOf("=");
      const [key, value] = at < 0 ? [field, ""] : [field.slice(0, at), field.slice(at + 1)];
      pairs.push([percentDecode(key), percentDecode(value)]);
    }
  }
  return pairs;
}

// Python compares strings by code point; JavaScript's < compares UTF-16 units, which orders
// characters beyond U+FFFF before U+E000..U+FFFF. Comparing code points keeps the SDK's order.
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0)!);
  const right = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return left[i]! - right[i]!;
    }
  }
  return left.length - right.length;
}

/** Sort by the decoded key, then value, and re-encode: the SDK sorts before encoding. */
export function canonicalQuery(pairs: Array<[string, string]>): string {
  return [...pairs]
    .sort(([k1, v1], [k2, v2]) => compareCodePoints(k1, k2) || compareCodePoints(v1, v2))
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
    .join("&");
}

export function formatSdkDate(moment: Date): string {
  return moment.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

function headerPairs(headers: HeaderPairs | undefined): Array<[string, string]> {
  if (headers === undefined) {
    return [];
  }
  if (Array.isArray(headers)) {
    return headers.map(([name, value]) => [name, value]);
  }
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    // forEach, not entries(): the latter needs the DOM.Iterable lib in the user's tsconfig.
    const pairs: Array<[string, string]> = [];
    headers.forEach((value, name) => pairs.push([name, value]));
    return pairs;
  }
  return Object.entries(headers as Record<string, string>);
}

// No return type: TypeScript 5.7+ infers the ArrayBuffer-backed array Web Crypto takes, and
// older versions a plain Uint8Array.
function bodyBytes(body: RequestToSign["body"]) {
  if (body === undefined || body === null) {
    return new Uint8Array(0);
  }
  if (typeof body === "string") {
    return utf8.encode(body);
  }
  if (body instanceof ArrayBuffer) {
    return new Uint8Array(body.slice(0));
  }
  if (body instanceof Uint8Array) {
    return new Uint8Array(body);
  }
  throw new TypeError("AK/SK signing needs the body as a string, a Uint8Array or an ArrayBuffer");
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256Hex(data: ReturnType<typeof bodyBytes>): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", data));
}

async function hmacSha256Hex(key: string, message: string): Promise<string> {
  const imported = await crypto.subtle.importKey(
    "raw",
    utf8.encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return hex(await crypto.subtle.sign("HMAC", imported, utf8.encode(message)));
}

/** Sign one request as huaweicloudsdkcore's Signer does. Every given header whose name has no
 * '_' is signed: leave out those the HTTP stack sets itself (Content-Length, Accept-Encoding). */
export async function signRequest(
  credentials: AkSkCredentials,
  request: RequestToSign,
): Promise<SignedRequest> {
  if (!credentials.accessKey) {
    throw new Error("AK/SK signing needs a non-empty access key");
  }
  if (!credentials.secretKey) {
    throw new Error("AK/SK signing needs a non-empty secret key");
  }
  const url = new URL(request.url);
  const pairs = headerPairs(request.headers).map(([n, v]): [string, string] => [n, v.trim()]);
  const index = new Map<string, string>();
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    if (index.has(lower)) {
      throw new Error(`header ${lower} given more than once; signing needs one value each`);
    }
    index.set(lower, value);
  }
  if (index.has("authorization")) {
    throw new Error("the headers already carry Authorization; drop it before signing");
  }
  const add = (name: string, value: string): void => {
    pairs.push([name, value]);
    index.set(name.toLowerCase(), value);
  };
  if (credentials.projectId && !index.has("x-project-id")) {
    add("X-Project-Id", credentials.projectId);
  }
  if (credentials.securityToken && !index.has("x-security-token")) {
    add("X-Security-Token", credentials.securityToken);
  }
  const contentType = index.get("content-type");
  if (contentType && !HASHED_CONTENT_TYPES.some((type) => contentType.startsWith(type))) {
    add("X-Sdk-Content-Sha256", UNSIGNED_PAYLOAD);
  }
  let sdkDate = index.get("x-sdk-date");
  if (sdkDate === undefined) {
    sdkDate = formatSdkDate(request.date ?? new Date());
    add("X-Sdk-Date", sdkDate);
  } else if (!SDK_DATE.test(sdkDate)) {
    throw new Error(`X-Sdk-Date ${JSON.stringify(sdkDate)} is not of the form YYYYMMDDTHHMMSSZ`);
  }
  if (!index.has("host")) {
    add("Host", url.host);
  }

  const signedNames = [...index.keys()].filter((name) => !name.includes("_")).sort();
  const payload = bodyBytes(request.body);
  const contentSha256 = signedNames.includes("x-sdk-content-sha256")
    ? index.get("x-sdk-content-sha256")
    : undefined;
  const payloadHash =
    payload.length === 0
      ? EMPTY_PAYLOAD_SHA256
      : contentSha256 || (await sha256Hex(payload));
  const query = canonicalQuery(parseQuery(url.search.replace(/^\?/, "")));
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    query,
    signedNames.map((name) => `${name}:${index.get(name)}\n`).join(""),
    signedNames.join(";"),
    payloadHash,
  ].join("\n");
  const digest = await sha256Hex(utf8.encode(canonicalRequest));
  const stringToSign = `${ALGORITHM}\n${sdkDate}\n${digest}`;
  const signature = await hmacSha256Hex(credentials.secretKey, stringToSign);
  const signedHeaders = signedNames.join(";");
  const authorization =
    `${ALGORITHM} Access=${credentials.accessKey}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  pairs.push(["Authorization", authorization]);
  return {
    url: `${url.origin}${url.pathname}${query ? `?${query}` : ""}`,
    headers: pairs,
    canonicalRequest,
    stringToSign,
    signedHeaders,
    signature,
    authorization,
  };
}

// fetch sets Host from the URL itself (and browsers refuse it): the signature covers the same
// value, so it is not handed to fetch.
function fetchHeaders(signed: SignedRequest): Array<[string, string]> {
  return signed.headers.filter(([name]) => name.toLowerCase() !== "host");
}

function requestBody(body: unknown): RequestToSign["body"] {
  if (body === undefined || body === null || typeof body === "string") {
    return body;
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    return body;
  }
  throw new TypeError(
    "AK/SK signing needs the request body as a string or bytes (JSON bodies are strings)",
  );
}

/** The shape of typescript-fetch's `Middleware` that signing needs (structurally compatible). */
export interface SigningMiddleware {
  pre(context: { url: string; init: RequestInit }): Promise<{ url: string; init: RequestInit }>;
}

/** Signs every request a typescript-fetch client sends. */
export function akskMiddleware(credentials: AkSkCredentials): SigningMiddleware {
  return {
    async pre({ url, init }) {
      const signed = await signRequest(credentials, {
        method: init.method ?? "GET",
        url,
        headers: init.headers as HeaderPairs | undefined,
        body: requestBody(init.body),
      });
      return { url: signed.url, init: { ...init, headers: fetchHeaders(signed) } };
    },
  };
}

/** A fetch that signs each request with AK/SK; `base` is the fetch to send with. */
export function signedFetch(
  credentials: AkSkCredentials,
  base: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const signed = await signRequest(credentials, {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
    });
    return base(signed.url, {
      method: request.method,
      headers: fetchHeaders(signed),
      body,
      signal: request.signal,
      redirect: request.redirect,
    });
  };
}
