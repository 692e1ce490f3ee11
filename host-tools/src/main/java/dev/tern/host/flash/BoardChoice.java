package dev.tern.host.flash;

import java.util.List;
import java.util.Optional;

import dev.tern.host.cli.BoardCatalog;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.HostContext;
import dev.tern.host.cli.Profile;
import dev.tern.host.cli.Setting;
import dev.tern.host.cli.TernException;
import dev.tern.host.serial.JsscLink;
import dev.tern.host.serial.PortName;

/**
 * The board {@code tern flash} flashes when {@code --board} was not given: {@code TERN_BOARD},
 * then {@code board=} in the profile, then the virtual board where only {@code tern sim} can be
 * (a {@code socket://} port or a pseudo-terminal). On a real serial device the board must be
 * named: it decides the bootloader's line (8E1 on an STM32's ROM, 8N1 on the virtual board) and
 * the flash layout, and a wrong guess fails in ways that do not say so.
 *
 * @param id     the board definition's id
 * @param source where it came from, for the line that says which board was assumed (null: typed)
 */
record BoardChoice(String id, String source) {

    static final String ENVIRONMENT = BoardCatalog.ENVIRONMENT;
    static final String VIRTUAL = "virtual";

    static BoardChoice of(String given, String port, HostContext context, Profile profile, List<String> known) {
        Optional<Setting> set = Setting.typedOrSaved(given, ENVIRONMENT, "board", context, profile);
        if (set.isPresent()) {
            return new BoardChoice(set.get().value(), set.get().source());
        }
        PortName name;
        try {
            name = PortName.parse(port);
        } catch (IllegalArgumentException e) {
            throw new TernException(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (name.kind() == PortName.Kind.SOCKET) {
            return new BoardChoice(VIRTUAL, "assumed: a socket:// port is where 'tern sim' serves the virtual board; "
                    + "give --board for another");
        }
        if (name.kind() == PortName.Kind.DEVICE && JsscLink.isPseudoTerminal(name.device())) {
            return new BoardChoice(VIRTUAL, "assumed: a pseudo-terminal is where 'tern sim --pty' serves the virtual board; "
                    + "give --board for another");
        }
        throw new TernException(ExitCodes.USAGE, "which board is on " + port + "? Give --board ID (" + String.join(", ", known)
                + "), set " + ENVIRONMENT + ", or save board=ID in ./" + Profile.FILE_NAME + ": the board decides the "
                + "bootloader's line (8E1 on an STM32's ROM, 8N1 on the virtual board) and the flash layout");
    }

    boolean typed() {
        return source == null;
    }
}
