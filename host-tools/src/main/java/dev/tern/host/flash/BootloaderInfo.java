package dev.tern.host.flash;

import java.util.Set;

import dev.tern.boards.bootloader.An3155;

/** What GET said: the protocol version and the command codes the bootloader has. */
public record BootloaderInfo(int version, Set<Integer> commands) {

    public BootloaderInfo {
        commands = Set.copyOf(commands);
    }

    public boolean has(int command) {
        return commands.contains(command);
    }

    /** The erase command the device lists (EXTENDED_ERASE 0x44 or ERASE 0x43), or -1 when it lists neither. */
    public int eraseCommand() {
        if (has(An3155.EXTENDED_ERASE)) {
            return An3155.EXTENDED_ERASE;
        }
        return has(An3155.ERASE) ? An3155.ERASE : -1;
    }

    public boolean hasChecksum() {
        return has(An3155.GET_CHECKSUM);
    }

    /** {@code 3.1}. */
    public String versionText() {
        return (version >> 4) + "." + (version & 0xF);
    }
}
