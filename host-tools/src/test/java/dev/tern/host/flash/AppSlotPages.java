package dev.tern.host.flash;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashGeometry;

/** How many flash pages an image of a given size covers in a board's app slot (the firmware jar's size changes as it grows). */
final class AppSlotPages {

    private AppSlotPages() {
    }

    static int of(String boardId, long imageBytes) {
        BoardDefinition board = new BoardLoader().load(boardId);
        FlashGeometry geometry = board.flash().geometry();
        long first = board.appSlot().address();
        return geometry.pageAt(first + imageBytes - 1) - geometry.pageAt(first) + 1;
    }

    /** The flash summary's page count: "1 page" or "N pages". */
    static String pages(int count) {
        return count + (count == 1 ? " page" : " pages");
    }
}
