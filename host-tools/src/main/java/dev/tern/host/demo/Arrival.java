package dev.tern.host.demo;

/** A reading and when it reached the subscriber, in milliseconds since the readings began. */
public record Arrival(Reading reading, long atMillis) {
}
