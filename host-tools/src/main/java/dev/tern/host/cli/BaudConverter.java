package dev.tern.host.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --baud}: a whole number of bits a second that a UART can run at. */
public final class BaudConverter implements ITypeConverter<Integer> {

    /** The fastest any USB serial adapter Tern knows runs (FT232H: 12 Mbaud). */
    public static final int MAX_BAUD = 12_000_000;

    @Override
    public Integer convert(String value) {
        long baud;
        try {
            baud = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            baud = -1;
        }
        if (baud <= 0 || baud > MAX_BAUD) {
            throw new TypeConversionException("'" + value + "' is not a baud rate: give a whole number from 1 to " + MAX_BAUD
                    + ", e.g. 115200 (leave --baud out for the board definition's)");
        }
        return (int) baud;
    }
}
