package dev.candypack.ws.impl.transaction;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction manager's registry as a JTA server offers it, for one thread: begin, commit, roll
 * back, and the interposed synchronizations run as the specification says. Also counts the calls,
 * so that a test can see what a send costs.
 */
public final class FakeTransactions implements TransactionSynchronizationRegistry {

  private int status = Status.STATUS_NO_TRANSACTION;
  private Object key;
  private Map<Object, Object> resources = new HashMap<>();
  private List<Synchronization> synchronizations = new ArrayList<>();

  /** How many synchronizations were registered, over all transactions. */
  public int registered;

  /** How many times the status was asked for. */
  public int statusCalls;

  /**
   * Makes sends follow this fake's transactions.
   *
   * @param sends the sends of a runtime
   * @return this
   */
  public FakeTransactions drive(TransactionalSends sends) {
    sends.use(new JtaScope(this));
    return this;
  }

  /** Begins a transaction. */
  public void begin() {
    status = Status.STATUS_ACTIVE;
    key = new Object();
  }

  /** Commits, running the synchronizations. */
  public void commit() {
    if (status == Status.STATUS_MARKED_ROLLBACK) {
      rollback();
      return;
    }
    synchronizations.forEach(Synchronization::beforeCompletion);
    status = Status.STATUS_COMMITTED;
    end(Status.STATUS_COMMITTED);
  }

  /** Rolls back, running the synchronizations. */
  public void rollback() {
    status = Status.STATUS_ROLLEDBACK;
    end(Status.STATUS_ROLLEDBACK);
  }

  private void end(int outcome) {
    List<Synchronization> completing = synchronizations;
    synchronizations = new ArrayList<>();
    completing.forEach(s -> s.afterCompletion(outcome));
    resources = new HashMap<>();
    status = Status.STATUS_NO_TRANSACTION;
    key = null;
  }

  @Override
  public Object getTransactionKey() {
    return key;
  }

  @Override
  public void putResource(Object resourceKey, Object value) {
    requireTransaction();
    resources.put(resourceKey, value);
  }

  @Override
  public Object getResource(Object resourceKey) {
    requireTransaction();
    return resources.get(resourceKey);
  }

  @Override
  public void registerInterposedSynchronization(Synchronization sync) {
    if (status != Status.STATUS_ACTIVE) {
      throw new IllegalStateException("status " + status);
    }
    registered++;
    synchronizations.add(sync);
  }

  @Override
  public int getTransactionStatus() {
    statusCalls++;
    return status;
  }

  @Override
  public void setRollbackOnly() {
    requireTransaction();
    status = Status.STATUS_MARKED_ROLLBACK;
  }

  @Override
  public boolean getRollbackOnly() {
    return status == Status.STATUS_MARKED_ROLLBACK;
  }

  private void requireTransaction() {
    if (key == null) {
      throw new IllegalStateException("no transaction");
    }
  }
}
