package dev.candypack.ws.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * An HTTP session with the application, as a browser keeps one: the cookies its requests receive go
 * with its later requests and with the handshakes of its WebSocket clients. That is how a test
 * reaches a route with {@code csrf = true}: fetch the token in the session, then connect with it.
 *
 * <pre>{@code
 * CandySession browser = app.session();
 * String token = browser.get("api/token");          // a resource that returns csrf.token()
 * try (CandyTestClient ws = browser.client("/admin").csrfToken(token).connect()) {
 *   ...
 * }
 * }</pre>
 */
public final class CandySession {

  private final CandyApp app;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  CandySession(CandyApp app) {
    this.app = app;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /**
   * A GET request in this session.
   *
   * @param path relative to the context root
   * @return the response's body
   * @throws AssertionError when the answer is not a 2xx status
   * @throws IOException when the request fails
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public String get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(app.http(path)).GET());
  }

  /**
   * A POST request with a JSON body in this session.
   *
   * @param path relative to the context root
   * @param json the body, sent as {@code application/json}
   * @return the response's body
   * @throws AssertionError when the answer is not a 2xx status
   * @throws IOException when the request fails
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public String postJson(String path, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(app.http(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * Starts a connection to a route that sends this session's cookies with its handshake.
   *
   * @param path the route's path relative to the context root
   * @return a builder; add {@code csrfToken(token)} for a route with {@code csrf = true}
   */
  public CandyTestClient.Builder client(String path) {
    CandyTestClient.Builder builder = app.client(path);
    String cookie = cookieHeader(app.ws(path));
    if (!cookie.isEmpty()) {
      builder.header("Cookie", cookie);
    }
    return builder;
  }

  /**
   * The {@code Cookie} header this session sends to an address.
   *
   * @param uri an {@code http}, {@code https}, {@code ws} or {@code wss} address
   * @return the header's value, empty when there is no cookie
   */
  public String cookieHeader(URI uri) {
    // HttpOnly cookies (a session id usually is one) go only to http(s) addresses: a handshake is
    // an HTTP request, so ask for the http form of a ws address.
    String scheme = uri.getScheme().equals("wss") ? "https" : "http";
    URI asHttp = URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    try {
      List<String> values = cookies.get(asHttp, Map.of()).getOrDefault("Cookie", List.of());
      return String.join("; ", values);
    } catch (IOException e) {
      throw new IllegalStateException(e); // the in-memory store never fails
    }
  }

  CookieManager cookies() {
    return cookies;
  }

  private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.timeout(app.timeout()).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }
}
