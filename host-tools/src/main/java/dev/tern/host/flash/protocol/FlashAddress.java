package dev.tern.host.flash.protocol;

import java.util.Locale;

/** Flash addresses as every message of {@code tern flash} writes them. */
public final class FlashAddress {

    private FlashAddress() {
    }

    /** {@code 0x08020000}. */
    public static String hex(long address) {
        return String.format(Locale.ROOT, "0x%08X", address);
    }
}
