package dev.candypack.ws;

/**
 * A check that runs before a route's handler, CandyPack's route middleware ({@code
 * Candy.Route.use('mw').ws(path, …)}). Guards are CDI beans named in {@link CandyRoute#guards()}
 * and run in the order given; the first that says no ends the connection and the handler never
 * runs.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class OfficeHours implements CandyGuard {
 *   public boolean allow(Candy candy) {
 *     int hour = LocalTime.now().getHour();
 *     return hour >= 9 && hour < 18;
 *   }
 * }
 *
 * @CandyRoute(value = "/support", guards = OfficeHours.class)
 * void support(CandySocket ws) { … }
 * }</pre>
 */
@FunctionalInterface
public interface CandyGuard {

  /**
   * Decides whether a connection may reach the route's handler.
   *
   * @param candy the handshake request, its user and the server
   * @return {@code true} to let it through; {@code false} closes it with {@link
   *     CloseStatus#FORBIDDEN} (4003) "Forbidden"
   * @throws Exception closes the connection with {@link CloseStatus#GUARD_FAILED} (4000)
   */
  boolean allow(Candy candy) throws Exception;
}
