package dev.candypack.ws.impl.gate;

import dev.candypack.ws.impl.config.CandySettings;
import dev.candypack.ws.impl.policy.OriginPolicy;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides on a WebSocket upgrade request before the container upgrades it, in this order: the
 * {@code Host} it names (403), its browser origin against the request's scheme, host and port
 * (403), then a slot under the per-address and the application's caps (429, 503). Each kind of
 * refusal is logged at most once a minute: caps at {@code WARNING}, hosts and origins at {@code
 * INFO}.
 */
public final class HandshakeGate {

  /** The status of a refused host or origin. */
  static final int FORBIDDEN = 403;

  private static final Logger LOG = Logger.getLogger(HandshakeGate.class.getName());

  private final AllowedHosts hosts;
  private final OriginPolicy origins;
  private final ClientAddress clients;
  private final ConnectionSlots slots;
  private final RefusalLog hostRefusals;
  private final RefusalLog originRefusals;
  private final Map<OverCap, RefusalLog> capRefusals = new EnumMap<>(OverCap.class);

  /**
   * Creates the gate of one application.
   *
   * @param settings the application's settings
   * @throws IllegalArgumentException naming a setting whose entries are not valid
   */
  public HandshakeGate(CandySettings settings) {
    this.hosts = new AllowedHosts(settings.allowedHosts());
    this.origins = new OriginPolicy(settings.allowedOrigins());
    this.clients = new ClientAddress(settings.trustedProxies());
    this.slots = new ConnectionSlots(settings.maxConnections(), settings.maxConnectionsPerIp());
    this.hostRefusals =
        new RefusalLog(LOG, Level.INFO, "whose Host is not in candy.ws.allowed-hosts");
    this.originRefusals =
        new RefusalLog(LOG, Level.INFO, "from a browser origin that is not allowed");
    capRefusals.put(
        OverCap.APPLICATION,
        new RefusalLog(
            LOG, Level.WARNING, "over candy.ws.max-connections = " + settings.maxConnections()));
    capRefusals.put(
        OverCap.ADDRESS,
        new RefusalLog(
            LOG,
            Level.WARNING,
            "over candy.ws.max-connections-per-ip = " + settings.maxConnectionsPerIp()));
  }

  /**
   * Decides on an upgrade request. An admitted request may hold a {@link Slot}; the caller hands it
   * on and {@linkplain Slot#settle settles} it when the container has answered.
   *
   * @param request the request
   * @return the admission, or the status that refuses it
   */
  public Admission admit(UpgradeRequest request) {
    String host = request.header("Host");
    if (!hosts.allows(host)) {
      hostRefusals.refused(() -> describe(request) + ", Host " + host);
      return new Admission(FORBIDDEN, null);
    }
    String origin = request.header("Origin");
    boolean secure =
        clients.secure(
            request.peer(), request.secure(), request.headers().apply("X-Forwarded-Proto"));
    if (!origins.allows(origin, host, secure)) {
      originRefusals.refused(
          () ->
              describe(request)
                  + ", Origin "
                  + origin
                  + " to "
                  + (secure ? "wss://" : "ws://")
                  + host);
      return new Admission(FORBIDDEN, null);
    }
    if (!slots.limited()) {
      return Admission.UNCOUNTED;
    }
    String address = clients.of(request.peer(), request.headers().apply("X-Forwarded-For"));
    Reservation reservation = slots.reserve(address);
    if (reservation instanceof OverCap cap) {
      capRefusals.get(cap).refused(() -> describe(request) + ", client " + address);
      return new Admission(cap.status(), null);
    }
    return new Admission(0, (Slot) reservation);
  }

  /**
   * The application's connection counters.
   *
   * @return the slots
   */
  public ConnectionSlots slots() {
    return slots;
  }

  private static String describe(UpgradeRequest request) {
    return request.path() + " from peer " + request.peer();
  }
}
