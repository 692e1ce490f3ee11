package dev.tern.bench.chaos;

/** Which way the numbered messages travel; the fault proxy always sits on the engine's connection. */
public enum Flow {
    /** The Tern engine publishes through the proxy; a Paho subscriber, connected directly, counts. */
    ENGINE_TO_SUBSCRIBER("engine->subscriber"),
    /** A Paho publisher, connected directly, publishes; the engine's subscription, through the proxy, counts. */
    PUBLISHER_TO_ENGINE("publisher->engine");

    private final String label;

    Flow(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
