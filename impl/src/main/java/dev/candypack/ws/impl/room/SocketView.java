package dev.candypack.ws.impl.room;

import dev.candypack.ws.CandySocket;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The registry's members seen as sockets, without copying: a live, read-only map. */
final class SocketView extends AbstractMap<String, CandySocket> {

  private final Map<String, RoomMember> members;

  SocketView(Map<String, RoomMember> members) {
    this.members = members;
  }

  @Override
  public CandySocket get(Object id) {
    RoomMember member = members.get(id);
    return member == null ? null : member.socket();
  }

  @Override
  public boolean containsKey(Object id) {
    return members.containsKey(id);
  }

  @Override
  public int size() {
    return members.size();
  }

  @Override
  public Set<Entry<String, CandySocket>> entrySet() {
    return members.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue().socket()))
        .collect(Collectors.toUnmodifiableSet());
  }
}
