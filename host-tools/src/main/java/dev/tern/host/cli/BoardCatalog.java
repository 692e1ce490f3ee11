package dev.tern.host.cli;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardDefinitionException;
import dev.tern.boards.definition.BoardLoader;

/** A board definition by the id a user typed (--board), with the errors every command gives. */
public final class BoardCatalog {

    private BoardCatalog() {
    }

    /**
     * @throws TernException usage error listing the known boards for an unknown id; failure for a
     *         definition that does not load
     */
    public static BoardDefinition load(String id) {
        BoardLoader loader = new BoardLoader();
        if (!loader.list().contains(id)) {
            throw new TernException(ExitCodes.USAGE, "no board '" + id + "'; known boards: " + String.join(", ", loader.list())
                    + " (run 'tern boards' for the list)");
        }
        try {
            return loader.load(id);
        } catch (BoardDefinitionException e) {
            throw new TernException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }
}
