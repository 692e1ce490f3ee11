package dev.tern.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a suite's output: a header row, then rows, columns padded to their
 * widest cell (numbers right-aligned).
 *
 * <pre>{@code
 * Table table = new Table("direction", "qos", "sent");
 * table.row("engine->sub", 1, 3000);
 * table.print(System.out);
 * }</pre>
 */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    /** Adds a row; each cell is shown with {@link String#valueOf(Object)}. */
    public Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("cells=" + cells.length + " columns=" + columns);
        }
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    public void print(PrintStream out) {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = rows.get(r)[i];
                String pad = " ".repeat(width[i] - cell.length());
                boolean right = r > 0 && isNumber(cell);
                line.append(i == 0 ? "" : "  ").append(right ? pad + cell : cell + pad);
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                out.println(rule);
            }
        }
    }

    private static boolean isNumber(String cell) {
        return cell.matches("-?\\d+(\\.\\d+)?");
    }
}
