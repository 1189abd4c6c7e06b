package dev.candypack.ws.impl.endpoint;

import dev.candypack.ws.impl.policy.OriginPolicy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Refuses WebSocket upgrades from foreign browser origins with HTTP 403, before the container's
 * WebSocket filter sees them. The container's own origin hook ({@code checkOrigin}) is given the
 * origin alone; comparing it with the server's own origin needs the request's {@code Host}.
 */
final class OriginFilter implements Filter {

  private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());
  private static final ThreadLocal<Boolean> CHECKED = new ThreadLocal<>();

  private final OriginPolicy origins;

  OriginFilter(OriginPolicy origins) {
    this.origins = origins;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !"websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
      chain.doFilter(request, response);
      return;
    }
    String origin = http.getHeader("Origin");
    if (!origins.allows(origin, http.getHeader("Host"), http.isSecure())) {
      LOG.info(
          () -> "candy-ws: refused a handshake to " + http.getRequestURI() + " from " + origin);
      ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    CHECKED.set(Boolean.TRUE);
    try {
      chain.doFilter(request, response);
    } finally {
      CHECKED.remove();
    }
  }

  /**
   * Whether this thread's handshake has passed the filter.
   *
   * @return {@code true} inside the filter's chain
   */
  static boolean checkedThisHandshake() {
    return CHECKED.get() != null;
  }
}
