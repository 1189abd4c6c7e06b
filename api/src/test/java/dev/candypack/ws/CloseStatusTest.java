package dev.candypack.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CloseStatusTest {

  @Test
  void theSendableCodesAreTheServerCodesOfRfc6455AndTheApplicationRange() {
    Set<Integer> protocol = Set.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013);
    List<Integer> wrong = new ArrayList<>();
    for (int code = -1; code <= 70_000; code++) {
      boolean expected = protocol.contains(code) || (code >= 3000 && code <= 4999);
      if (CloseStatus.isSendable(code) != expected) {
        wrong.add(code);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aClientsCodeAGatewaysAndTheReservedOnesAreNot() {
    IntStream.of(1004, 1005, 1006, 1010, 1014, 1015, 1016, 2999, 5000)
        .forEach(code -> assertFalse(CloseStatus.isSendable(code), "" + code));
  }

  @Test
  void everyConstantButAbnormalMayBeSent() throws Exception {
    for (Field field : CloseStatus.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        int code = field.getInt(null);
        assertEquals(
            code != CloseStatus.ABNORMAL,
            CloseStatus.isSendable(code),
            field.getName() + " " + code);
      }
    }
    assertTrue(CloseStatus.isSendable(CloseStatus.FORBIDDEN));
  }
}
