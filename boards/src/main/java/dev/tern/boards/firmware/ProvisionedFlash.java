package dev.tern.boards.firmware;

import java.io.IOException;
import java.nio.file.Path;

import dev.tern.app.ConfigPage;
import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.Region;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;

/** A board's flash file as {@code tern flash} leaves it: an image in the app slot, a config page, credentials. */
public final class ProvisionedFlash {

    private ProvisionedFlash() {
    }

    /** Writes {@code image} into {@code board}'s app slot and {@code configLines} into its config page, each erased first. */
    public static void write(BoardDefinition board, Path flashFile, byte[] image, String configLines) throws IOException {
        FlashGeometry geometry = board.flash().geometry();
        try (FlashMemory flash = FlashMemory.open(flashFile, geometry)) {
            Region app = board.appSlot();
            for (long at = app.address(); at < app.address() + image.length; ) {
                int page = geometry.pageAt(at);
                flash.erasePage(page);
                at = geometry.pageAddress(page) + geometry.pageSize(page);
            }
            flash.program(app.address(), image, 0, image.length);
            Region config = board.configPage();
            int page = geometry.pageAt(config.address());
            flash.erasePage(page);
            byte[] encoded = ConfigPage.encodePage(configLines, geometry.pageSize(page));
            flash.program(config.address(), encoded, 0, encoded.length);
        }
    }

    /** Writes a whole credentials region ({@code CredentialsRegion.encodeRegion}, or any bytes a test wants) into {@code board}'s, erased first. */
    public static void writeCredentials(BoardDefinition board, Path flashFile, byte[] region) throws IOException {
        FlashGeometry geometry = board.flash().geometry();
        Region credentials = board.credentialsRegion();
        if (region.length > credentials.size()) {
            throw new IllegalArgumentException("credentials: " + region.length + " bytes, region=" + credentials.size());
        }
        try (FlashMemory flash = FlashMemory.open(flashFile, geometry)) {
            for (long at = credentials.address(); at < credentials.end(); ) {
                int page = geometry.pageAt(at);
                flash.erasePage(page);
                at = geometry.pageAddress(page) + geometry.pageSize(page);
            }
            flash.program(credentials.address(), region, 0, region.length);
        }
    }
}
