/**
 * Sends that follow the transaction: a send made inside an active JTA transaction is held and
 * delivered, in the order made, once the transaction commits, or dropped when it rolls back, as a
 * JMS send in a transaction is. Outside a transaction, and where the server has no JTA, sends go at
 * once; the check costs one volatile read, plus one call to the transaction manager's thread-local
 * status where JTA is on.
 */
package dev.candypack.ws.impl.transaction;
