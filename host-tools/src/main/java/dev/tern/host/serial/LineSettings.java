package dev.tern.host.serial;

import dev.tern.boards.definition.Parity;
import dev.tern.boards.definition.SerialLine;

/** A serial line's format: {@code 115200 8N1}, no flow control. */
public record LineSettings(int baud, int dataBits, Parity parity, int stopBits, FlowControl flowControl) {

    public LineSettings {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud=" + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits=" + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits=" + stopBits);
        }
        if (parity == null || flowControl == null) {
            throw new IllegalArgumentException("parity=" + parity + ", flowControl=" + flowControl);
        }
    }

    /** 8 data bits, no parity, 1 stop bit, no flow control. */
    public static LineSettings of8N1(int baud) {
        return new LineSettings(baud, 8, Parity.NONE, 1, FlowControl.NONE);
    }

    /** A board definition's line (its console or its bootloader), no flow control. */
    public static LineSettings of(SerialLine line) {
        return new LineSettings(line.baud(), line.dataBits(), line.parity(), line.stopBits(), FlowControl.NONE);
    }

    public LineSettings withBaud(int newBaud) {
        return new LineSettings(newBaud, dataBits, parity, stopBits, flowControl);
    }

    /** {@code 115200 8N1}. */
    @Override
    public String toString() {
        return baud + " " + dataBits + parity.letter() + stopBits + (flowControl == FlowControl.NONE ? "" : " " + flowControl.key());
    }
}
