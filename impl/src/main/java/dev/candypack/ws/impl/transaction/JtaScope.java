package dev.candypack.ws.impl.transaction;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's JTA, through its {@link TransactionSynchronizationRegistry}: each transaction that
 * sends gets one interposed synchronization holding its sends in order, which runs them after the
 * commit. Loaded only where JTA's classes exist.
 */
final class JtaScope implements TransactionScope {

  private static final Logger LOG = Logger.getLogger(JtaScope.class.getName());

  static final String NAME = "java:comp/TransactionSynchronizationRegistry";

  /** Sends made in a transaction that can only roll back. */
  private static final HeldSends DROPPED = send -> {};

  private final TransactionSynchronizationRegistry registry;
  // The key of the held sends among the transaction's resources; one per application.
  private final Object key = new Object();

  JtaScope(TransactionSynchronizationRegistry registry) {
    this.registry = registry;
  }

  /**
   * Looks the server's registry up, once, at start-up.
   *
   * @return the scope, or empty where the server has no JTA
   */
  static Optional<TransactionScope> lookUp() {
    try {
      TransactionSynchronizationRegistry registry = InitialContext.doLookup(NAME);
      return Optional.of(new JtaScope(registry));
    } catch (NamingException | LinkageError | RuntimeException e) {
      LOG.log(Level.FINE, "candy-ws: no JTA here; sends go at once", e);
      return Optional.empty();
    }
  }

  @Override
  public HeldSends current() {
    int status = registry.getTransactionStatus();
    if (status == Status.STATUS_NO_TRANSACTION) {
      return null;
    }
    if (status == Status.STATUS_MARKED_ROLLBACK) {
      return DROPPED; // it can only roll back
    }
    if (status != Status.STATUS_ACTIVE) {
      return null; // completing, or completed (a send from an after-completion callback): at once
    }
    HeldSends held = (HeldSends) registry.getResource(key);
    if (held == null) {
      TransactionSends created = new TransactionSends();
      try {
        registry.registerInterposedSynchronization(created);
      } catch (IllegalStateException tooLate) {
        LOG.log(Level.FINE, "candy-ws: the transaction takes no more synchronizations", tooLate);
        return null;
      }
      registry.putResource(key, created);
      held = created;
    }
    return held;
  }
}
