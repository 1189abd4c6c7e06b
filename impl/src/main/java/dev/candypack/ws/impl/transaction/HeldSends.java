package dev.candypack.ws.impl.transaction;

/** The sends held for one transaction, to run once it has committed. */
public interface HeldSends {

  /**
   * Holds a send until the transaction commits; it is dropped if the transaction rolls back.
   *
   * @param send queues the message, encoded already
   */
  void add(Runnable send);
}
