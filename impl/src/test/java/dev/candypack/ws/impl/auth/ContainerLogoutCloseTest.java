package dev.candypack.ws.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.testing.InProcessUndertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.InMemorySessionManager;
import io.undertow.server.session.Session;
import io.undertow.server.session.SessionConfig;
import io.undertow.server.session.SessionManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.spec.HttpSessionImpl;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The list by which Undertow closes a session's connections with 1008, on Undertow's real servlet
 * container and Jakarta WebSocket layer, with a session manager that, like WildFly's, hands each
 * request its own wrapper of a session: candy-ws gives each new session a list that takes
 * concurrent changes, and takes each of its connections out of it when it opens.
 */
class ContainerLogoutCloseTest {

  private static final long WAIT_SECONDS = 10;
  private static final int SOCKETS = 48;

  /** A permit for each connection whose endpoint has opened. */
  private static final Semaphore OPENED = new Semaphore(0);

  private static InProcessUndertow server;

  @BeforeAll
  static void start() throws Exception {
    server =
        InProcessUndertow.start(
            4,
            deployment -> {
              deployment
                  .servlets()
                  .setSessionManagerFactory(unused -> new WrapperPerRequest())
                  .addServletContextAttribute(SessionSockets.class.getName(), new SessionSockets())
                  .addListener(Servlets.listener(SessionEndListener.class))
                  .addServlet(Servlets.servlet("login", Login.class).addMapping("/login"))
                  .addServlet(Servlets.servlet("channels", Channels.class).addMapping("/channels"));
              deployment
                  .websockets()
                  .addEndpoint(
                      ServerEndpointConfig.Builder.create(Released.class, "/socket")
                          .configurator(new KeepsTheHttpSession())
                          .build());
            });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aNewSessionStartsWithAListThatTakesConcurrentChanges() throws Exception {
    HttpClient browser = browser();
    get(browser, "/login");
    assertEquals("CopyOnWriteArrayList of 0", get(browser, "/channels"));
  }

  @Test
  void connectionsOpenedAtOnceInOneSessionAllLeaveTheListAndSurviveItsEnd() throws Exception {
    HttpClient browser = browser();
    get(browser, "/login");
    List<Recorder> sockets = new ArrayList<>();
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
    for (int i = 0; i < SOCKETS; i++) {
      Recorder recorder = new Recorder();
      sockets.add(recorder);
      opening.add(
          browser.newWebSocketBuilder().buildAsync(URI.create(server.ws("/socket")), recorder));
    }
    for (CompletableFuture<WebSocket> socket : opening) {
      socket.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    assertTrue(
        OPENED.tryAcquire(SOCKETS, WAIT_SECONDS, TimeUnit.SECONDS), "every connection opened");
    assertEquals("CopyOnWriteArrayList of 0", get(browser, "/channels"));

    get(browser, "/login?end");
    // A close the container sent at the session's end would be on the wire before the answer.
    for (Recorder socket : sockets) {
      socket.webSocket.sendText("still open?", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals("text still open?", socket.events.poll(WAIT_SECONDS, TimeUnit.SECONDS));
      socket.webSocket.abort();
    }
  }

  @Test
  void aSessionOfAnotherContainerIsLeftAlone() {
    HttpSession notUndertow =
        (HttpSession)
            Proxy.newProxyInstance(
                HttpSession.class.getClassLoader(),
                new Class<?>[] {HttpSession.class},
                (proxy, method, args) -> {
                  throw new AssertionError("touched: " + method);
                });
    ContainerLogoutClose.prepare(notUndertow);
    ContainerLogoutClose.release(new Object(), notUndertow);
  }

  private static HttpClient browser() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .build();
  }

  private static String get(HttpClient browser, String path) throws Exception {
    HttpResponse<String> response =
        browser.send(
            HttpRequest.newBuilder(URI.create(server.http(path))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  /** {@code /login} starts a session; {@code /login?end} ends it. */
  public static final class Login extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      if (request.getParameter("end") != null) {
        request.getSession().invalidate();
      } else {
        request.getSession(true);
      }
      response.getWriter().write("ok");
    }
  }

  /** {@code /channels}: the kind and size of Undertow's list of the session's connections. */
  public static final class Channels extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      Session internal = ((HttpSessionImpl) request.getSession(false)).getSession();
      List<?> channels = (List<?>) internal.getAttribute(ContainerLogoutClose.ATTRIBUTE);
      response.getWriter().write(channels.getClass().getSimpleName() + " of " + channels.size());
    }
  }

  /** Keeps the handshake's HTTP session for the endpoint, as candy-ws's admission does. */
  public static final class KeepsTheHttpSession extends ServerEndpointConfig.Configurator {
    @Override
    public void modifyHandshake(
        ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
      config.getUserProperties().put(HttpSession.class.getName(), request.getHttpSession());
    }
  }

  /**
   * Takes its connection out of Undertow's list when it opens, as candy-ws's endpoint does, and
   * answers each text with itself.
   */
  public static final class Released extends Endpoint {
    @Override
    public void onOpen(jakarta.websocket.Session session, EndpointConfig config) {
      HttpSession http = (HttpSession) config.getUserProperties().get(HttpSession.class.getName());
      ContainerLogoutClose.release(session, http);
      session.addMessageHandler(
          String.class, (MessageHandler.Whole<String>) session.getAsyncRemote()::sendText);
      OPENED.release();
    }
  }

  /** A JDK client that records what reaches it, texts and closes, in order. */
  private static final class Recorder implements WebSocket.Listener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WebSocket webSocket;

    @Override
    public void onOpen(WebSocket webSocket) {
      this.webSocket = webSocket;
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      events.add("text " + data);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.add("close " + statusCode);
      return null;
    }
  }

  /** WildFly's way: every request gets a new wrapper of the session it asks for. */
  private static final class WrapperPerRequest extends InMemorySessionManager {
    WrapperPerRequest() {
      super("test.war");
    }

    @Override
    public Session createSession(HttpServerExchange exchange, SessionConfig config) {
      return new Wrapper(super.createSession(exchange, config));
    }

    @Override
    public Session getSession(HttpServerExchange exchange, SessionConfig config) {
      Session session = super.getSession(exchange, config);
      return session == null ? null : new Wrapper(session);
    }
  }

  private record Wrapper(Session session) implements Session {
    @Override
    public String getId() {
      return session.getId();
    }

    @Override
    public void requestDone(HttpServerExchange exchange) {
      session.requestDone(exchange);
    }

    @Override
    public long getCreationTime() {
      return session.getCreationTime();
    }

    @Override
    public long getLastAccessedTime() {
      return session.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
      session.setMaxInactiveInterval(interval);
    }

    @Override
    public int getMaxInactiveInterval() {
      return session.getMaxInactiveInterval();
    }

    @Override
    public Object getAttribute(String name) {
      return session.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
      return session.getAttributeNames();
    }

    @Override
    public Object setAttribute(String name, Object value) {
      return session.setAttribute(name, value);
    }

    @Override
    public Object removeAttribute(String name) {
      return session.removeAttribute(name);
    }

    @Override
    public void invalidate(HttpServerExchange exchange) {
      session.invalidate(exchange);
    }

    @Override
    public SessionManager getSessionManager() {
      return session.getSessionManager();
    }

    @Override
    public String changeSessionId(HttpServerExchange exchange, SessionConfig config) {
      return session.changeSessionId(exchange, config);
    }
  }
}
