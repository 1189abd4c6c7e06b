package dev.candypack.ws.impl.gate;

/** The answer of {@link ConnectionSlots#reserve}: a {@link Slot}, or the cap that refused one. */
public sealed interface Reservation permits Slot, OverCap {}
