package dev.tern.host.demo;

/**
 * One reading as the demo's subscriber received it: the sensor (last topic level), the QoS it
 * arrived at, its sequence number, the PUBLISH's DUP flag, the value as the board wrote it and
 * the board's clock when it took the reading (millis since its boot; -1 when the payload had none).
 */
public record Reading(String sensor, int qos, long seq, boolean dup, String value, long boardMillis) {

    public Reading(String sensor, int qos, long seq, boolean dup, String value) {
        this(sensor, qos, seq, dup, value, -1);
    }
}
