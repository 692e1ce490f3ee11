package dev.tern.app;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.session.OfflineQueue;
import dev.tern.mqtt.session.Session;
import dev.tern.mqtt.session.SessionStatus;
import dev.tern.mqtt.session.SessionStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SensorAppRestoreReportTest {

    private final FlashFake flash = new FlashFake(8, 1024);

    @Test
    void saysNothingWhenTheRestoreDroppedNothing() {
        SessionStore store = new SessionStore(flash);
        store.restore(session());
        assertNull(MqttLink.restoreReportLine(store.report()));
    }

    @Test
    void namesATornSaveAtTheTail() {
        Session session = session();
        SessionStore store = new SessionStore(flash);
        assertEquals(SessionStatus.OK, store.save(session));
        session.incoming().store(3);
        flash.cutPowerAfter(12);
        store.save(session);
        flash.powerOn();

        SessionStore rebooted = new SessionStore(flash);
        assertEquals(SessionStatus.OK, rebooted.restore(session()));
        assertEquals("restore dropped 1 torn save(s) at the tail (cut by power), 0 save(s) with a bad CRC,"
                + " 0 record(s) this configuration cannot hold", MqttLink.restoreReportLine(rebooted.report()));
    }

    private static Session session() {
        return new Session(2, 64, 2, 64, OfflineQueue.REFUSE);
    }
}
