package dev.tern.host.demo;

/**
 * One reading as the demo's subscriber received it: the sensor (last topic level), the QoS it
 * arrived at, its sequence number, the PUBLISH's DUP flag and the value as the board wrote it.
 */
public record Reading(String sensor, int qos, long seq, boolean dup, String value) {
}
