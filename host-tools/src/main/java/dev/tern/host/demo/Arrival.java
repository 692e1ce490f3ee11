package dev.tern.host.demo;

import dev.tern.boards.firmware.Reading;

/** A reading and when it reached the subscriber, in milliseconds since the readings began. */
public record Arrival(Reading reading, long atMillis) {
}
