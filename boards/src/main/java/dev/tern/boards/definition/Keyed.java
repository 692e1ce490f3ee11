package dev.tern.boards.definition;

/** A choice written in board.properties as a lower-case word. */
interface Keyed {

    String key();
}
