package dev.candypack.ws.impl.transaction;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The sends of one transaction, in the order made: run after the commit, dropped otherwise. */
final class TransactionSends implements HeldSends, Synchronization {

  private static final Logger LOG = Logger.getLogger(TransactionSends.class.getName());

  private List<Runnable> sends = new ArrayList<>(); // null once the transaction has completed
  private boolean committed;

  // A send from another thread of the transaction can race its completion.
  @Override
  public void add(Runnable send) {
    boolean now;
    synchronized (this) {
      if (sends != null) {
        sends.add(send);
        return;
      }
      now = committed;
    }
    if (now) {
      send.run();
    }
  }

  @Override
  public void beforeCompletion() {}

  @Override
  public void afterCompletion(int status) {
    List<Runnable> held;
    synchronized (this) {
      held = sends;
      sends = null;
      committed = status == Status.STATUS_COMMITTED;
    }
    if (status != Status.STATUS_COMMITTED) {
      LOG.fine(
          () -> "candy-ws: the transaction did not commit; dropped " + held.size() + " send(s)");
      return;
    }
    for (Runnable send : held) {
      try {
        send.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "candy-ws: a send held for a committed transaction failed", e);
      }
    }
  }
}
