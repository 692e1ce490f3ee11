package dev.tern.boards.definition;

/**
 * A UART as the host sees it: which device or pins carry it, and its line settings.
 *
 * @param device where the line is, in words ("USART1 PA9/PB7 on the ST-LINK virtual COM port")
 */
public record SerialLine(String device, int baud, int dataBits, Parity parity, int stopBits) {

    /** The short form: {@code 115200 8N1}. */
    public String format() {
        return baud + " " + dataBits + parity.letter() + stopBits;
    }
}
