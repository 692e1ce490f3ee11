package dev.tern.bench.codec;

import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttWireMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: encode and decode of a QoS 1 PUBLISH (64-byte payload) and of a PUBACK, by Tern's codec
 * and by Paho's wire classes, and of the same PUBLISH in MQTT 5 with two properties by Tern's
 * codec ({@link CodecVectors} says what each call does). Average time per operation;
 * {@code -prof gc} adds the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmarks {

    private final CodecVectors vectors = new CodecVectors();

    @Benchmark
    public int ternEncodePublish() {
        return vectors.ternEncodePublish();
    }

    @Benchmark
    public void ternDecodePublish(Blackhole hole) {
        hole.consume(vectors.ternDecode(vectors.publishPacket));
        // what a receiver reads next: where topic and payload are, and the id to acknowledge
        hole.consume(vectors.decoded.packetId());
        hole.consume(vectors.decoded.topicLength());
        hole.consume(vectors.decoded.payloadOffset());
    }

    @Benchmark
    public int ternEncodePuback() {
        return vectors.ternEncodePuback();
    }

    @Benchmark
    public void ternDecodePuback(Blackhole hole) {
        hole.consume(vectors.ternDecode(vectors.pubackPacket));
        hole.consume(vectors.decoded.packetId());
    }

    @Benchmark
    public int tern5EncodePublish() {
        return vectors.ternEncodePublish5();
    }

    @Benchmark
    public void tern5DecodePublish(Blackhole hole) {
        hole.consume(vectors.ternDecode5(vectors.publish5Packet));
        hole.consume(vectors.decoded.packetId());
        hole.consume(vectors.decoded.topicLength());
        hole.consume(vectors.decoded.payloadOffset());
        hole.consume(vectors.messageExpiry());
    }

    @Benchmark
    public int pahoEncodePublish() throws MqttException {
        return vectors.pahoEncodePublish();
    }

    @Benchmark
    public MqttWireMessage pahoDecodePublish() throws MqttException {
        return CodecVectors.pahoDecode(vectors.publishPacket);
    }

    @Benchmark
    public int pahoEncodePuback() throws MqttException {
        return vectors.pahoEncodePuback();
    }

    @Benchmark
    public MqttWireMessage pahoDecodePuback() throws MqttException {
        return CodecVectors.pahoDecode(vectors.pubackPacket);
    }
}
