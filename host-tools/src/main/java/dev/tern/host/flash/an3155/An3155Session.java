package dev.tern.host.flash.an3155;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.bootloader.Stm32Crc;
import dev.tern.boards.definition.EraseCommand;
import dev.tern.host.flash.protocol.BootloaderIdentity;
import dev.tern.host.flash.protocol.BootloaderSession;

/**
 * {@code tern flash}'s steps in AN3155 commands: sync, GET and GET_ID identify; pages are erased
 * with the erase command GET listed (EXTENDED_ERASE 0x44, else ERASE 0x43); a region's digest is
 * GET_CHECKSUM's STM32 CRC, where the bootloader lists it.
 */
public final class An3155Session implements BootloaderSession {

    private final An3155Client client;
    private EraseCommand eraseCommand;

    public An3155Session(An3155Client client) {
        this.client = client;
    }

    @Override
    public String port() {
        return client.port();
    }

    @Override
    public BootloaderIdentity identify() throws IOException {
        client.sync(An3155Client.SYNC_ATTEMPTS);
        BootloaderInfo info = client.get();
        int chip = client.getId();
        eraseCommand = info.eraseCommand().orElseThrow(() -> new An3155Exception(
                "the bootloader on " + client.port() + " lists neither ERASE (0x43) nor EXTENDED_ERASE (0x44)"));
        String details = String.format(Locale.ROOT, "erase 0x%02X, GET_CHECKSUM %s", eraseCommand.code(),
                info.hasChecksum() ? "yes" : "no");
        return new BootloaderIdentity(info.versionText(), "GET_ID", chip, details, An3155.MAX_BLOCK,
                info.hasChecksum() ? Optional.of("CRC") : Optional.empty(), "GET_CHECKSUM");
    }

    @Override
    public void erase(int[] pages, Duration wait) throws IOException {
        client.erase(identified(), pages, wait);
    }

    @Override
    public void eraseAll(Duration wait) throws IOException {
        client.massErase(identified(), wait);
    }

    @Override
    public void write(long address, byte[] from, int offset, int length) throws IOException {
        client.write(address, from, offset, length);
    }

    @Override
    public void read(long address, byte[] into, int offset, int length) throws IOException {
        client.read(address, into, offset, length);
    }

    @Override
    public String digest(long address, long length) throws IOException {
        return crcText(client.checksum(address, length));
    }

    @Override
    public String expectedDigest(byte[] content) {
        return crcText(Stm32Crc.update(Stm32Crc.DEFAULT_INITIAL_VALUE, Stm32Crc.DEFAULT_POLYNOMIAL, content, 0, content.length));
    }

    @Override
    public void go(long address) throws IOException {
        client.go(address);
    }

    @Override
    public int blocksResent() {
        return client.writeRetries();
    }

    @Override
    public int lineRetries() {
        return client.lineRetries();
    }

    private EraseCommand identified() {
        if (eraseCommand == null) {
            throw new IllegalStateException("erase before identify(): the erase command comes from GET");
        }
        return eraseCommand;
    }

    private static String crcText(int crc) {
        return String.format(Locale.ROOT, "0x%08X", crc);
    }
}
