package dev.tern.testsupport;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * Keeps HiveMQ's first lines off the console. HiveMQ logs a few INFO lines while it is built,
 * before its logging bootstrap loads the logback.xml that demo-broker's HiveMqConfig wrote; until
 * then the logback.xml inside HiveMQ's jar (INFO to the console) applies.
 */
final class HiveMqLogging {

    private HiveMqLogging() {
    }

    static void quietUntilBootstrap() {
        final ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext) {
            final Logger hivemq = ((LoggerContext) factory).getLogger("com.hivemq");
            if (hivemq.getLevel() == null) {
                hivemq.setLevel(Level.WARN);
            }
        }
    }
}
