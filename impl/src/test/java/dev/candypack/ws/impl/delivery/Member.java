package dev.candypack.ws.impl.delivery;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.room.RoomMember;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A member that records the text it is given and the close code its socket was closed with. */
final class Member implements RoomMember {
  final List<String> texts = Collections.synchronizedList(new ArrayList<>());
  volatile int closedWith;
  private final String id;
  private final CandySocket socket;

  Member(String id) {
    this.id = id;
    this.socket =
        (CandySocket)
            Proxy.newProxyInstance(
                CandySocket.class.getClassLoader(),
                new Class<?>[] {CandySocket.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "id", "toString" -> id;
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      case "close" -> {
                        closedWith = (int) args[0];
                        yield null;
                      }
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void deliver(OutboundMessage message) {
    texts.add(((OutboundMessage.Text) message).text());
  }

  @Override
  public CandySocket socket() {
    return socket;
  }
}
