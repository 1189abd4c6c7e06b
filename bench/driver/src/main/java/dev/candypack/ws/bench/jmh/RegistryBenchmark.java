package dev.candypack.ws.bench.jmh;

import dev.candypack.ws.CandySocket;
import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.room.RoomMember;
import dev.candypack.ws.impl.room.RoomRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The room registry under contention: threads joining and leaving rooms while others send to the
 * same rooms and look connections up, as a busy chat server does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Group)
public class RegistryBenchmark {

  /** How many rooms the members spread over: few rooms, more contention. */
  @Param({"4", "64"})
  public int rooms;

  /** Members already in each room. */
  @Param({"100"})
  public int membersPerRoom;

  private RoomRegistry registry;
  private String[] names;
  private final OutboundMessage message = new OutboundMessage.Text("{\"type\":\"chat\"}");
  private final AtomicInteger ids = new AtomicInteger();

  /** Fills the rooms. */
  @Setup(Level.Trial)
  public void fill() {
    registry = new RoomRegistry();
    names = new String[rooms];
    for (int r = 0; r < rooms; r++) {
      names[r] = "room-" + r;
      for (int m = 0; m < membersPerRoom; m++) {
        Member member = new Member("m-" + r + "-" + m);
        registry.add(member);
        registry.join(names[r], member);
      }
    }
  }

  /** One thread's own member, joining and leaving. */
  @State(Scope.Thread)
  public static class Mine {
    Member member;

    /**
     * Makes the member.
     *
     * @param shared the registry's state
     */
    @Setup(Level.Trial)
    public void make(RegistryBenchmark shared) {
      member = new Member("mine-" + shared.ids.incrementAndGet());
      shared.registry.add(member);
    }
  }

  /**
   * Joins a random room and leaves it again.
   *
   * @param mine this thread's member
   */
  @Benchmark
  @Group("contended")
  @GroupThreads(2)
  public void joinLeave(Mine mine) {
    String room = names[ThreadLocalRandom.current().nextInt(rooms)];
    registry.join(room, mine.member);
    registry.leave(room, mine.member);
  }

  /**
   * Sends one encoded message to every member of a random room.
   *
   * @param sink keeps the deliveries alive
   */
  @Benchmark
  @Group("contended")
  @GroupThreads(1)
  public void sendToRoom(Blackhole sink) {
    registry.sendToRoom(names[ThreadLocalRandom.current().nextInt(rooms)], message);
  }

  /**
   * Looks a connection up by id, as {@code CandyServer.clients().get(id)} does.
   *
   * @return the socket found
   */
  @Benchmark
  @Group("contended")
  @GroupThreads(1)
  public Object lookup() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return registry
        .clients()
        .get("m-" + random.nextInt(rooms) + "-" + random.nextInt(membersPerRoom));
  }

  /** A member that only counts what it is given. */
  static final class Member implements RoomMember {
    private final String id;
    private int delivered;

    Member(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void deliver(OutboundMessage message) {
      delivered++;
    }

    @Override
    public CandySocket socket() {
      return null;
    }

    @Override
    public String toString() {
      return id + ":" + delivered;
    }
  }
}
