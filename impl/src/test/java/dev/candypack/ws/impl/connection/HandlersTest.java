package dev.candypack.ws.impl.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlersTest {

  private final Handlers<String> handlers = new Handlers<>();
  private final List<String> seen = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();

  @Test
  void finishingWithAValueRunsEachHandlerOnceThenRunsLateOnesAtOnceWithoutKeepingThem() {
    handlers.add(value -> seen.add("early " + value));

    handlers.finish("closed", failures::add);
    handlers.finish("again", failures::add);
    handlers.fire("after", failures::add);
    handlers.add(value -> seen.add("late " + value)).remove();

    assertEquals(List.of("early closed", "late closed"), seen);
    assertTrue(handlers.isEmpty(), "nothing kept");
    assertTrue(failures.isEmpty());
  }

  @Test
  void finishingWithoutAValueDropsHandlersAddedLater() {
    handlers.add(seen::add);

    handlers.finish();
    handlers.add(seen::add);
    handlers.fire("never", failures::add);

    assertTrue(handlers.isEmpty(), "nothing kept");
    assertEquals(List.of(), seen);
  }

  @Test
  void aLateHandlerThatThrowsGoesToTheFailures() {
    handlers.finish("closed", failures::add);

    handlers.add(
        value -> {
          throw new IllegalStateException(value);
        });

    assertEquals(1, failures.size());
    assertEquals("closed", failures.get(0).getMessage());
  }
}
