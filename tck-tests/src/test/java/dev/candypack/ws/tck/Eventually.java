package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Waits for state that the server changes in its own time, such as what it forgets once a client's
 * close is through: reads it again and again until it meets a condition, or fails saying what it
 * last saw.
 */
final class Eventually {

  /** How long a wait lasts unless the caller says otherwise. */
  static final Duration PATIENCE = Duration.ofSeconds(WsClient.TIMEOUT_SECONDS);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private Eventually() {}

  /**
   * Reads until the condition holds, for up to {@link #PATIENCE}.
   *
   * @param what what is awaited, for the failure message
   * @param read one reading of the state
   * @param done whether a reading is the awaited one
   * @return the reading that met the condition
   */
  static <T> T await(String what, Callable<T> read, Predicate<? super T> done) throws Exception {
    return await(what, PATIENCE, read, done);
  }

  /**
   * Reads until the condition holds, for up to the given patience.
   *
   * @param what what is awaited, for the failure message
   * @param patience how long to keep reading
   * @param read one reading of the state
   * @param done whether a reading is the awaited one
   * @return the reading that met the condition
   */
  static <T> T await(String what, Duration patience, Callable<T> read, Predicate<? super T> done)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    T last;
    while (!done.test(last = read.call())) {
      if (System.nanoTime() > deadline) {
        fail(what + " did not come within " + patience + "; last seen: " + describe(last));
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
    return last;
  }

  private static String describe(Object reading) {
    return reading instanceof long[] numbers ? Arrays.toString(numbers) : String.valueOf(reading);
  }
}
