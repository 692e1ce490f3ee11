package dev.tern.boards.virtual.esp32;

/** What the ROM loader needs from the board around it: the UART's transmit side and its baud rate. */
public interface LoaderLink {

    /** Queues bytes for the host (whole SLIP frames), waiting for room as a UART driver does. */
    void transmit(byte[] bytes, int offset, int length);

    /** Switches the UART to {@code baud} once everything queued has left at the old rate. */
    void changeBaud(int baud);
}
