package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.gate.Admission;
import dev.candypack.ws.impl.gate.HandshakeGate;
import dev.candypack.ws.impl.gate.Slot;
import dev.candypack.ws.impl.gate.UpgradeRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Puts the {@link HandshakeGate} in front of every WebSocket upgrade, before the container's
 * WebSocket filter sees it: a refused upgrade is answered with the gate's HTTP status and never
 * reaches the container. The container's own origin hook ({@code checkOrigin}) is given the origin
 * alone; comparing it with the server's own origin needs the request's {@code Host} and scheme.
 *
 * <p>An admitted handshake's {@link Slot} travels to the route's handshake on this thread (both
 * servers run {@code modifyHandshake} inside this filter's chain). When the chain returns without a
 * 101, the slot is given back at once.
 */
final class HandshakeFilter implements Filter {

  private static final int SWITCHING_PROTOCOLS = 101;

  /** This thread's admitted handshake: its slot, or {@link #NO_SLOT} when no cap is set. */
  private static final ThreadLocal<Object> ADMITTED = new ThreadLocal<>();

  private static final Object NO_SLOT = new Object();

  private final HandshakeGate gate;
  // Set once the routes are known, after the filter was installed.
  private volatile BiConsumer<String, Integer> refusals = (path, status) -> {};

  HandshakeFilter(HandshakeGate gate) {
    this.gate = gate;
  }

  /**
   * The filter installed in an application.
   *
   * @param context the application
   * @return its filter, or {@code null} when the initializer did not run
   */
  static HandshakeFilter of(ServletContext context) {
    return (HandshakeFilter) context.getAttribute(HandshakeFilter.class.getName());
  }

  /**
   * Installs the filter in front of every request of an application.
   *
   * @param context the application
   */
  void install(ServletContext context) {
    context.setAttribute(HandshakeFilter.class.getName(), this);
    FilterRegistration.Dynamic filter = context.addFilter("candy-ws-handshake", this);
    filter.setAsyncSupported(true);
    // Before every declared filter, and so before the container's WebSocket filter.
    filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
  }

  /**
   * Reports every refused upgrade from now on.
   *
   * @param refusals takes the path (relative to the application) and the HTTP status
   */
  void reportRefusals(BiConsumer<String, Integer> refusals) {
    this.refusals = refusals;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !"websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse httpResponse = (HttpServletResponse) response;
    Admission admission =
        gate.admit(
            new UpgradeRequest(
                http.getRequestURI(),
                http.getRemoteAddr(),
                http.isSecure(),
                name -> headers(http, name)));
    if (!admission.admitted()) {
      refusals.accept(
          http.getRequestURI().substring(http.getContextPath().length()), admission.status());
      httpResponse.sendError(admission.status());
      return;
    }
    Slot slot = admission.slot();
    boolean upgraded = false;
    ADMITTED.set(slot == null ? NO_SLOT : slot);
    try {
      chain.doFilter(request, response);
      upgraded = httpResponse.getStatus() == SWITCHING_PROTOCOLS;
    } finally {
      ADMITTED.remove();
      if (slot != null) {
        slot.settle(upgraded);
      }
    }
  }

  private static List<String> headers(HttpServletRequest request, String name) {
    return Collections.list(request.getHeaders(name));
  }

  /**
   * Whether this thread's handshake has passed the filter.
   *
   * @return {@code true} inside the filter's chain
   */
  static boolean checkedThisHandshake() {
    return ADMITTED.get() != null;
  }

  /**
   * The slot this thread's handshake holds under the connection caps.
   *
   * @return the slot, or {@code null} when no cap is set or outside the filter's chain
   */
  static Slot slotOfThisHandshake() {
    return ADMITTED.get() instanceof Slot slot ? slot : null;
  }
}
