package dev.candypack.ws.tck.limits;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Allows everything and counts how often it ran, to show guards run in order. */
@ApplicationScoped
public class CountingGuard implements CandyGuard {
  static final AtomicInteger RUNS = new AtomicInteger();

  @Override
  public boolean allow(Candy candy) {
    RUNS.incrementAndGet();
    return true;
  }
}
