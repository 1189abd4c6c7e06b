package dev.candypack.ws.impl.delivery;

import dev.candypack.ws.CloseStatus;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.room.RoomMember;
import dev.candypack.ws.impl.room.RoomRegistry;
import dev.candypack.ws.spi.HistoryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One history room this node follows: delivers each message the store hands it to the room's
 * members here, once, in offset order. A member that is recovering gets live messages later: they
 * wait here until its replay is done, so that it receives no message twice and none out of order.
 * At most the room's capacity waits for one member; beyond it the member is closed with 1013 (its
 * client comes back and recovers again).
 */
final class HistoryRoom implements HistoryStore.Follower {

  private final String name;
  private final RoomRegistry registry;
  private final int maxWaiting;
  private long delivered = -1; // guarded by this
  private final Map<RoomMember, List<OutboundMessage>> recovering = new HashMap<>(); // by this
  private boolean wasIdle; // guarded by this

  HistoryRoom(String name, RoomRegistry registry, int maxWaiting) {
    this.name = name;
    this.registry = registry;
    this.maxWaiting = maxWaiting;
  }

  String name() {
    return name;
  }

  @Override
  public synchronized void started(long last) {
    delivered = last;
  }

  @Override
  public void message(long offset, String text) {
    List<RoomMember> overflowed = List.of();
    synchronized (this) {
      if (offset <= delivered) {
        return;
      }
      delivered = offset;
      OutboundMessage frame = new OutboundMessage.Text(Offsets.withOffset(text, offset));
      if (recovering.isEmpty()) {
        registry.sendToRoom(name, frame);
        return;
      }
      registry.sendToRoom(name, frame, recovering::containsKey);
      for (Map.Entry<RoomMember, List<OutboundMessage>> waiting : recovering.entrySet()) {
        waiting.getValue().add(frame);
        if (waiting.getValue().size() > maxWaiting) {
          overflowed = overflowed.isEmpty() ? new ArrayList<>() : overflowed;
          overflowed.add(waiting.getKey());
        }
      }
      overflowed.forEach(recovering::remove);
    }
    for (RoomMember member : overflowed) {
      member.socket().close(CloseStatus.TRY_AGAIN_LATER, "History recovery fell behind; reconnect");
    }
  }

  /** Live messages wait for the member from now on; returns the last offset delivered live. */
  synchronized long startRecovery(RoomMember member) {
    recovering.put(member, new ArrayList<>());
    wasIdle = false;
    return delivered;
  }

  /** Delivers what waited for the member; from now on it receives live messages directly. */
  synchronized void endRecovery(RoomMember member) {
    List<OutboundMessage> waiting = recovering.remove(member);
    if (waiting != null) {
      waiting.forEach(member::deliver);
    }
  }

  /** Idle at two sweeps in a row, so that a member joining between two sweeps is never missed. */
  synchronized boolean idle(boolean noMembers) {
    boolean idle = noMembers && recovering.isEmpty();
    boolean stop = idle && wasIdle;
    wasIdle = idle;
    return stop;
  }
}
