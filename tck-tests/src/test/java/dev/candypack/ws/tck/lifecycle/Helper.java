package dev.candypack.ws.tck.lifecycle;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A dependent object that knows whether CDI has destroyed it, and counts how many were. */
@Dependent
public class Helper {

  static final AtomicInteger DESTROYED = new AtomicInteger();

  private final String id = UUID.randomUUID().toString();
  private volatile boolean destroyed;

  String id() {
    return id;
  }

  boolean destroyed() {
    return destroyed;
  }

  @PreDestroy
  void destroy() {
    destroyed = true;
    DESTROYED.incrementAndGet();
  }
}
