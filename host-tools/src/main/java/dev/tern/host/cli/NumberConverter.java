package dev.tern.host.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes and addresses as firmware engineers write them: {@code 0x200}, {@code 512}, {@code 384K}. */
public final class NumberConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long unit = 1;
        if (text.endsWith("k")) {
            unit = 1024;
            text = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            unit = 1024 * 1024;
            text = text.substring(0, text.length() - 1);
        }
        try {
            long number = text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
            if (number < 0) {
                throw new NumberFormatException("negative");
            }
            return Math.multiplyExact(number, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a number (e.g. 0x200, 512 or 384K)");
        }
    }
}
