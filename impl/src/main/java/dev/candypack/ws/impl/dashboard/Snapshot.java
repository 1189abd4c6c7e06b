package dev.candypack.ws.impl.dashboard;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows at one moment. Counts are since the application started; rates are per
 * second over the time since the previous snapshot (0 in the first).
 *
 * @param time when it was taken, in milliseconds since the epoch
 * @param routes every route but the dashboard's own, by template
 * @param rooms the largest rooms, largest first
 * @param roomCount how many rooms have members
 * @param slowReaders the connections with the largest backlog, largest first
 * @param relay the cluster relay's counters
 * @param watchers the dashboard's own connections, which no other number counts
 */
public record Snapshot(
    long time,
    List<RouteSample> routes,
    List<RoomSample> rooms,
    int roomCount,
    List<SlowReader> slowReaders,
    RelaySample relay,
    int watchers) {

  /**
   * One route.
   *
   * @param route the template
   * @param open connections open now
   * @param opened connections opened so far
   * @param inPerSecond messages received per second
   * @param outPerSecond messages queued to peers per second
   * @param bytesInPerSecond bytes received per second
   * @param bytesOutPerSecond bytes queued to peers per second (characters for text)
   * @param refused refused handshakes by reason label
   * @param closed closes by code
   */
  public record RouteSample(
      String route,
      long open,
      long opened,
      double inPerSecond,
      double outPerSecond,
      double bytesInPerSecond,
      double bytesOutPerSecond,
      Map<String, Long> refused,
      Map<Integer, Long> closed) {}

  /**
   * One room.
   *
   * @param name its name
   * @param members its members on this node
   */
  public record RoomSample(String name, int members) {}

  /**
   * One connection that reads slowly.
   *
   * @param id its id
   * @param route its route's template
   * @param backlogBytes what waits to be sent to it
   */
  public record SlowReader(String id, String route, long backlogBytes) {}

  /**
   * The relay.
   *
   * @param published messages sent to other nodes
   * @param received messages from other nodes
   * @param dropped messages lost
   * @param publishedPerSecond published per second
   * @param receivedPerSecond received per second
   */
  public record RelaySample(
      long published,
      long received,
      long dropped,
      double publishedPerSecond,
      double receivedPerSecond) {}

  /**
   * The snapshot as the page reads it.
   *
   * @return the JSON text, with {@code "type":"snapshot"}
   */
  public String toJson() {
    JsonArrayBuilder routeArray = Json.createArrayBuilder();
    for (RouteSample route : routes) {
      JsonObjectBuilder refusedObject = Json.createObjectBuilder();
      route.refused().forEach(refusedObject::add);
      JsonObjectBuilder closedObject = Json.createObjectBuilder();
      route.closed().forEach((code, count) -> closedObject.add(String.valueOf(code), count));
      routeArray.add(
          Json.createObjectBuilder()
              .add("route", route.route())
              .add("open", route.open())
              .add("opened", route.opened())
              .add("inPerSecond", route.inPerSecond())
              .add("outPerSecond", route.outPerSecond())
              .add("bytesInPerSecond", route.bytesInPerSecond())
              .add("bytesOutPerSecond", route.bytesOutPerSecond())
              .add("refused", refusedObject)
              .add("closed", closedObject));
    }
    JsonArrayBuilder roomArray = Json.createArrayBuilder();
    rooms.forEach(
        room ->
            roomArray.add(
                Json.createObjectBuilder()
                    .add("name", room.name())
                    .add("members", room.members())));
    JsonArrayBuilder readerArray = Json.createArrayBuilder();
    slowReaders.forEach(
        reader ->
            readerArray.add(
                Json.createObjectBuilder()
                    .add("id", reader.id())
                    .add("route", reader.route())
                    .add("backlogBytes", reader.backlogBytes())));
    return Json.createObjectBuilder()
        .add("type", "snapshot")
        .add("time", time)
        .add("routes", routeArray)
        .add("rooms", roomArray)
        .add("roomCount", roomCount)
        .add("slowReaders", readerArray)
        .add(
            "relay",
            Json.createObjectBuilder()
                .add("published", relay.published())
                .add("received", relay.received())
                .add("dropped", relay.dropped())
                .add("publishedPerSecond", relay.publishedPerSecond())
                .add("receivedPerSecond", relay.receivedPerSecond()))
        .add("watchers", watchers)
        .build()
        .toString();
  }
}
