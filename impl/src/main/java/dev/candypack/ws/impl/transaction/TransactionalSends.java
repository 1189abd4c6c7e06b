package dev.candypack.ws.impl.transaction;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Decides, for each send the application makes, whether it goes at once or waits for the
 * transaction the calling thread is in. Sends at once until {@link #start} finds the server's JTA.
 *
 * <pre>{@code
 * HeldSends held = sends.current();
 * if (held == null) {
 *   queue(message);
 * } else {
 *   held.add(() -> queue(message));
 * }
 * }</pre>
 */
public final class TransactionalSends {

  private static final Logger LOG = Logger.getLogger(TransactionalSends.class.getName());

  private volatile TransactionScope scope; // null: every send goes at once

  /**
   * Where the calling thread's sends go: one volatile read, and where JTA is on one call to the
   * transaction manager's thread-local status.
   *
   * @return the sends held for the current transaction, or {@code null} to send at once
   */
  public HeldSends current() {
    TransactionScope current = scope;
    return current == null ? null : current.current();
  }

  /**
   * Makes sends follow the transaction, if the settings want it and the server has JTA.
   *
   * @param settings the application's settings
   * @param application for the log: the application's context path
   * @return whether sends now follow the transaction
   */
  public boolean start(TransactionSettings settings, String application) {
    if (!settings.transactionalSends()) {
      LOG.info(
          () ->
              "candy-ws: sends of "
                  + application
                  + " go at once, inside a transaction too (candy.ws.transactional-sends=false)");
      return false;
    }
    Optional<TransactionScope> jta = JtaScope.lookUp();
    jta.ifPresent(found -> scope = found);
    return jta.isPresent();
  }

  /**
   * Uses a given scope, for tests.
   *
   * @param scope where sends go; {@code null} for at once
   */
  void use(TransactionScope scope) {
    this.scope = scope;
  }
}
