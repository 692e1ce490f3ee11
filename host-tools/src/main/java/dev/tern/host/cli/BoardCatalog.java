package dev.tern.host.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardDefinitionException;
import dev.tern.boards.definition.BoardLoader;

/** A board definition by the id a user typed (--board), with the errors every command gives. */
public final class BoardCatalog {

    /** The variable naming the board when --board is not given ({@code board=} in the profile comes next). */
    public static final String ENVIRONMENT = "TERN_BOARD";

    private BoardCatalog() {
    }

    /** The ids of the boards there are definitions for. */
    public static List<String> ids() {
        return new BoardLoader().list();
    }

    /**
     * @throws TernException usage error for an unknown id, listing the known boards and naming the
     *         one meant when it is clear ({@link #meant}); failure for a definition that does not load
     */
    public static BoardDefinition load(String id) {
        BoardLoader loader = new BoardLoader();
        if (!loader.list().contains(id)) {
            throw new TernException(ExitCodes.USAGE, "no board '" + id + "'" + meant(id, loader)
                    + "; known boards: " + String.join(", ", loader.list()) + " (run 'tern boards' for the list)");
        }
        try {
            return loader.load(id);
        } catch (BoardDefinitionException e) {
            throw new TernException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /**
     * {@code " (did you mean esp-wrover-kit?)"}: the id a typo is nearest ({@link Suggestions}), or
     * else the only board whose id, name or chip contains what was typed ({@code esp32}, {@code 1170});
     * "" when neither is clear.
     */
    static String meant(String typed, BoardLoader loader) {
        String near = Suggestions.closest(typed, loader.list());
        if (near == null && typed.length() >= 3) {
            String word = typed.toLowerCase(Locale.ROOT);
            List<String> containing = new ArrayList<>();
            for (String id : loader.list()) {
                try {
                    BoardDefinition board = loader.load(id);
                    String names = (id + " " + board.name() + " " + board.mcu().part()).toLowerCase(Locale.ROOT);
                    if (names.contains(word)) {
                        containing.add(id);
                    }
                } catch (BoardDefinitionException e) {
                    // a definition that does not load is no one's meaning
                }
            }
            near = containing.size() == 1 ? containing.get(0) : null;
        }
        return near == null ? "" : " (did you mean " + near + "?)";
    }
}
