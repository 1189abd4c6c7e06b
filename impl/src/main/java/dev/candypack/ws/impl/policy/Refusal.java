package dev.candypack.ws.impl.policy;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.event.CandyRefused.Reason;
import java.util.Optional;

/**
 * A handshake the route refuses: the close status the client gets, and why, for the metrics and
 * events.
 *
 * @param status the close code and reason sent to the client
 * @param reason why; empty for a server fault, which is logged rather than counted
 */
public record Refusal(CloseStatus status, Optional<Reason> reason) {

  /**
   * A refusal counted under a reason.
   *
   * @param status the close status
   * @param reason why
   */
  public Refusal(CloseStatus status, Reason reason) {
    this(status, Optional.of(reason));
  }
}
