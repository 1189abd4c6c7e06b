package dev.candypack.ws.impl.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.impl.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionalSendsTest {

  private final TransactionalSends sends = new TransactionalSends();
  private final FakeTransactions tx = new FakeTransactions().drive(sends);
  private final List<String> sent = new ArrayList<>();

  /** Sends as the library does: at once outside a transaction, held inside one. */
  private void send(String message) {
    HeldSends held = sends.current();
    if (held == null) {
      sent.add(message);
    } else {
      held.add(() -> sent.add(message));
    }
  }

  private static SettingsReader settings(Map<String, String> values) {
    return new SettingsReader(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void outsideATransactionASendGoesAtOnceForOneStatusCall() {
    send("a");
    assertEquals(List.of("a"), sent);
    assertEquals(1, tx.statusCalls, "one cheap check per send, nothing more");
    assertEquals(0, tx.registered);
  }

  @Test
  void insideATransactionSendsWaitForTheCommitAndGoInTheOrderMade() {
    tx.begin();
    send("1");
    send("2");
    send("3");
    assertEquals(List.of(), sent, "nothing before the commit");
    assertEquals(1, tx.registered, "one synchronization per transaction");
    tx.commit();
    assertEquals(List.of("1", "2", "3"), sent);

    tx.begin();
    send("4");
    assertEquals(2, tx.registered, "the next transaction holds its own");
    tx.commit();
    assertEquals(List.of("1", "2", "3", "4"), sent);
  }

  @Test
  void aRollbackDropsTheTransactionsSendsOnly() {
    send("before");
    tx.begin();
    send("lost");
    tx.rollback();
    send("after");
    assertEquals(List.of("before", "after"), sent);
  }

  @Test
  void aTransactionThatCanOnlyRollBackDropsItsSends() {
    tx.begin();
    send("held");
    tx.setRollbackOnly();
    send("doomed");
    tx.commit(); // rolls back
    assertEquals(List.of(), sent);
  }

  @Test
  void aFailingSendDoesNotStopTheOthers() {
    tx.begin();
    send("1");
    sends
        .current()
        .add(
            () -> {
              throw new IllegalStateException("boom");
            });
    send("2");
    tx.commit();
    assertEquals(List.of("1", "2"), sent);
  }

  @Test
  void aSendAfterTheTransactionCompletedGoesAtOnceOnlyIfItCommitted() {
    tx.begin();
    HeldSends held = sends.current();
    tx.commit();
    held.add(() -> sent.add("late after commit"));
    tx.begin();
    HeldSends rolledBack = sends.current();
    assertNotSame(held, rolledBack);
    tx.rollback();
    rolledBack.add(() -> sent.add("late after rollback"));
    assertEquals(List.of("late after commit"), sent);
  }

  @Test
  void withoutJtaEverySendGoesAtOnce() {
    TransactionalSends plain = new TransactionalSends();
    assertNull(plain.current());
    assertFalse(
        plain.start(new TransactionSettings(true), "/app"), "no JNDI in a unit test: no JTA");
    assertNull(plain.current());
  }

  @Test
  void turnedOffSendsGoAtOnceWithoutLookingForJta() {
    TransactionalSends off = new TransactionalSends();
    assertFalse(
        off.start(
            TransactionSettings.from(settings(Map.of("candy.ws.transactional-sends", "false"))),
            "/app"));
    assertNull(off.current());
  }

  @Test
  void theSettingIsOnByDefaultAndRefusesWhatIsNotABoolean() {
    assertTrue(TransactionSettings.from(settings(Map.of())).transactionalSends());
    assertTrue(
        TransactionSettings.from(settings(Map.of("candy.ws.transactional-sends", " TRUE ")))
            .transactionalSends());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TransactionSettings.from(settings(Map.of("candy.ws.transactional-sends", "yes"))));
    assertTrue(bad.getMessage().contains("candy.ws.transactional-sends = 'yes'"), bad.getMessage());
  }

  @Test
  void heldSendsAreTheSameWithinOneTransaction() {
    tx.begin();
    HeldSends first = sends.current();
    assertNotNull(first);
    assertSame(first, sends.current());
    tx.rollback();
  }
}
