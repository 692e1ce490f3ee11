package dev.tern.host.flash.an3155;

import java.util.Optional;
import java.util.Set;

import dev.tern.boards.bootloader.An3155;
import dev.tern.boards.definition.EraseCommand;

/** What GET said: the protocol version and the command codes the bootloader has. */
public record BootloaderInfo(int version, Set<Integer> commands) {

    public BootloaderInfo {
        commands = Set.copyOf(commands);
    }

    public boolean has(int command) {
        return commands.contains(command);
    }

    /** The erase command the device lists (EXTENDED_ERASE 0x44 or ERASE 0x43), or empty when it lists neither. */
    public Optional<EraseCommand> eraseCommand() {
        if (has(EraseCommand.EXTENDED_ERASE.code())) {
            return Optional.of(EraseCommand.EXTENDED_ERASE);
        }
        return has(EraseCommand.ERASE.code()) ? Optional.of(EraseCommand.ERASE) : Optional.empty();
    }

    public boolean hasChecksum() {
        return has(An3155.GET_CHECKSUM);
    }

    /** {@code 3.1}. */
    public String versionText() {
        return (version >> 4) + "." + (version & 0xF);
    }
}
