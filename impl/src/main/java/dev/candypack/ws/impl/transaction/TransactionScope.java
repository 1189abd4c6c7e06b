package dev.candypack.ws.impl.transaction;

/** Tells whether the calling thread is inside a transaction whose sends must wait for it. */
interface TransactionScope {

  /**
   * Where the calling thread's sends go.
   *
   * @return the current transaction's held sends, or {@code null} to send at once
   */
  HeldSends current();
}
