package io.github.dlisqljob.signer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AK/SK request signing (SDK-HMAC-SHA256) for Java clients of the DLI API: the canonical request
 * of huaweicloudsdkcore's Signer, as this project's Python signer (src/dli_signing) builds it.
 *
 * <p>With the generated client (library {@code native}):
 * {@code apiClient.setRequestInterceptor(AkSkSigner.interceptor(credentials))}. No dependency
 * beyond the JDK (11+).
 */
public final class AkSkSigner {
  public static final String ALGORITHM = "SDK-HMAC-SHA256";
  public static final String EMPTY_PAYLOAD_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final Pattern SDK_DATE = Pattern.compile("\\d{8}T\\d{6}Z");
  private static final DateTimeFormatter SDK_DATE_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private AkSkSigner() {}

  /** An AK/SK pair; projectId and securityToken may be null. */
  public record Credentials(
      String accessKey, String secretKey, String projectId, String securityToken) {
    public Credentials {
      if (accessKey == null || accessKey.isEmpty()) {
        throw new IllegalArgumentException("AK/SK signing needs a non-empty access key");
      }
      if (secretKey == null || secretKey.isEmpty()) {
        throw new IllegalArgumentException("AK/SK signing needs a non-empty secret key");
      }
    }

    public Credentials(String accessKey, String secretKey) {
      this(accessKey, secretKey, null, null);
    }

    @Override
    public String toString() {
      // The secret key and token stay out of logs and exception text.
      return "Credentials[accessKey=" + accessKey + ", projectId=" + projectId + "]";
    }
  }

  /** What to send: the URL with the canonical query, every header (Authorization last). */
  public record Signed(
      String url,
      List<Map.Entry<String, String>> headers,
      String canonicalRequest,
      String stringToSign,
      String signedHeaders,
      String signature,
      String authorization) {}

  /**
   * Sign a request. Every given header whose name has no '_' is signed: leave out those the HTTP
   * stack sets itself (Content-Length, Connection). An X-Sdk-Date header is the signing time;
   * otherwise {@code now} is.
   */
  public static Signed sign(
      Credentials credentials,
      String method,
      URI uri,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      Instant now) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    Map<String, String> index = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      String lower = header.getKey().toLowerCase(Locale.ROOT);
      if (index.containsKey(lower)) {
        throw new IllegalArgumentException(
            "header " + lower + " given more than once; signing needs one value each");
      }
      String value = header.getValue().strip();
      index.put(lower, value);
      pairs.add(Map.entry(header.getKey(), value));
    }
    if (index.containsKey("authorization")) {
      throw new IllegalArgumentException(
          "the headers already carry Authorization; drop it before signing");
    }
    Consumer<Map.Entry<String, String>> add =
        header -> {
          pairs.add(header);
          index.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        };
    if (credentials.projectId() != null && !index.containsKey("x-project-id")) {
      add.accept(Map.entry("X-Project-Id", credentials.projectId()));
    }
    if (credentials.securityToken() != null && !index.containsKey("x-security-token")) {
      add.accept(Map.entry("X-Security-Token", credentials.securityToken()));
    }
    String contentType = index.get("content-type");
    if (contentType != null
        && !contentType.isEmpty()
        && !contentType.startsWith("application/json")
        && !contentType.startsWith("application/bson")) {
      add.accept(Map.entry("X-Sdk-Content-Sha256", UNSIGNED_PAYLOAD));
    }
    String sdkDate = index.get("x-sdk-date");
    if (sdkDate == null) {
      sdkDate = SDK_DATE_FORMAT.format(now);
      add.accept(Map.entry("X-Sdk-Date", sdkDate));
    } else if (!SDK_DATE.matcher(sdkDate).matches()) {
      throw new IllegalArgumentException(
          "X-Sdk-Date " + sdkDate + " is not of the form YYYYMMDDTHHMMSSZ");
    }
    if (!index.containsKey("host")) {
      String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      add.accept(Map.entry("Host", host));
    }

    List<String> signedNames = new ArrayList<>();
    for (String name : new TreeMap<>(index).keySet()) {
      if (!name.contains("_")) {
        signedNames.add(name);
      }
    }
    byte[] payload = body == null ? new byte[0] : body;
    String payloadHash;
    if (payload.length == 0) {
      payloadHash = EMPTY_PAYLOAD_SHA256;
    } else if (signedNames.contains("x-sdk-content-sha256")) {
      payloadHash = index.get("x-sdk-content-sha256");
    } else {
      payloadHash = sha256Hex(payload);
    }
    String query = canonicalQuery(parseQuery(uri.getRawQuery() == null ? "" : uri.getRawQuery()));
    StringBuilder canonicalHeaders = new StringBuilder();
    for (String name : signedNames) {
      canonicalHeaders.append(name).append(':').append(index.get(name)).append('\n');
    }
    String signedHeaders = String.join(";", signedNames);
    String canonicalRequest =
        String.join(
            "\n",
            method.toUpperCase(Locale.ROOT),
            canonicalUri(uri.getRawPath()),
            query,
            canonicalHeaders.toString(),
            signedHeaders,
            payloadHash);
    String digest = sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    String stringToSign = ALGORITHM + "\n" + sdkDate + "\n" + digest;
    String signature = hmacSha256Hex(credentials.secretKey(), stringToSign);
    String authorization =
        ALGORITHM
            + " Access="
            + credentials.accessKey()
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature;
    pairs.add(Map.entry("Authorization", authorization));
    String base = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    return new Signed(
        query.isEmpty() ? base : base + "?" + query,
        List.copyOf(pairs),
        canonicalRequest,
        stringToSign,
        signedHeaders,
        signature,
        authorization);
  }

  /**
   * A request interceptor for the generated client ({@code ApiClient.setRequestInterceptor}):
   * signs each request just before it is sent, from its method, URI, headers and body.
   */
  public static Consumer<HttpRequest.Builder> interceptor(Credentials credentials) {
    return builder -> {
      HttpRequest request = builder.copy().build();
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      request
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (values.size() != 1) {
                  throw new IllegalArgumentException(
                      "header " + name + " has " + values.size() + " values; signing needs one");
                }
                headers.add(Map.entry(name, values.get(0)));
              });
      byte[] body = request.bodyPublisher().map(AkSkSigner::bytesOf).orElse(new byte[0]);
      Signed signed =
          sign(credentials, request.method(), request.uri(), headers, body, Instant.now());
      builder.uri(URI.create(signed.url()));
      for (Map.Entry<String, String> header : signed.headers()) {
        // java.net.http sets Host from the URI itself (and refuses it here): the same value.
        if (!header.getKey().equalsIgnoreCase("host")) {
          builder.setHeader(header.getKey(), header.getValue());
        }
      }
    };
  }

  /** Percent-encode all but RFC 3986's unreserved characters (UTF-8, uppercase hex). */
  public static String percentEncode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.toHexDigits((byte) c).toUpperCase(Locale.ROOT));
      }
    }
    return out.toString();
  }

  /** Decode %XX escapes as UTF-8, leaving anything else as it is (Python's unquote). */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] source = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < source.length; i++) {
      boolean escape =
          source[i] == '%' && i + 2 < source.length && isHex(source[i + 1]) && isHex(source[i + 2]);
      if (escape) {
        out.write(Integer.parseInt(new String(source, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(source[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  /** Decode the whole path, re-encode each segment, end with '/' (an encoded '%2F' splits). */
  public static String canonicalUri(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw new IllegalArgumentException("request path must start with '/', got " + rawPath);
    }
    String[] segments = percentDecode(rawPath).split("/", -1);
    StringBuilder uri = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        uri.append('/');
      }
      uri.append(percentEncode(segments[i]));
    }
    return uri.charAt(uri.length() - 1) == '/' ? uri.toString() : uri + "/";
  }

  /** Split a raw query into decoded pairs; 'k' alone is ("k", ""); '+' stays a '+'. */
  public static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (String field : rawQuery.split("&")) {
      if (!field.isEmpty()) {
        int at = field.indexOf('=');
        String key = at < 0 ? field : field.substring(0, at);
        String value = at < 0 ? "" : field.substring(at + 1);
        pairs.add(Map.entry(percentDecode(key), percentDecode(value)));
      }
    }
    return pairs;
  }

  // Python orders strings by code point; String.compareTo by UTF-16 unit, which puts characters
  // beyond U+FFFF before U+E000..U+FFFF.
  private static final Comparator<String> CODE_POINTS =
      (a, b) -> {
        int[] left = a.codePoints().toArray();
        int[] right = b.codePoints().toArray();
        return java.util.Arrays.compare(left, right);
      };

  /** Sort by decoded key, then value, and re-encode: the SDK sorts before encoding. */
  public static String canonicalQuery(List<Map.Entry<String, String>> pairs) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(pairs);
    sorted.sort(
        Comparator.comparing((Map.Entry<String, String> e) -> e.getKey(), CODE_POINTS)
            .thenComparing(Map.Entry::getValue, CODE_POINTS));
    List<String> fields = new ArrayList<>();
    for (Map.Entry<String, String> pair : sorted) {
      fields.add(percentEncode(pair.getKey()) + "=" + percentEncode(pair.getValue()));
    }
    return String.join("&", fields);
  }

  private static String sha256Hex(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static String hmacSha256Hex(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** The bytes a body publisher sends (the generated client publishes byte arrays). */
  private static byte[] bytesOf(HttpRequest.BodyPublisher publisher) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    publisher.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.writeBytes(chunk);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }

          @Override
          public void onComplete() {
            done.complete(out.toByteArray());
          }
        });
    return done.join();
  }
}
